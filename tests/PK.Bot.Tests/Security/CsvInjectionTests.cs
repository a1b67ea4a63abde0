using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Security;

/// <summary>Typed answers that a spreadsheet would run as formulas are exported as text in the CSVs.</summary>
public sealed class CsvInjectionTests
{
    private const string Alamat = "=HYPERLINK(\"http://x\",\"y\")";
    private const string Rw = "+cmd|' /C calc'!A0";
    private const string Nama = "-Budi Santoso";
    private static readonly RegionCode Jatipuro = RegionCode.Parse("33.13.01");

    [Fact]
    public async Task CellsThatStartLikeAFormulaGetALeadingApostropheInTheCsvExport()
    {
        await using var bot = await ReportingBot.StartAsync(new FakeTimeProvider(FamilySet.Wib(4, 14, 12)));
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        var record = FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9));
        var family = (SortedDictionary<string, object>)record.Family;
        family["alamat"] = Alamat;
        family["rw"] = Rw;
        family["rt"] = "@SUM(1+1)";
        ((SortedDictionary<string, object>)record.Members[0])["nama"] = Nama;
        ((SortedDictionary<string, object>)record.Members[1])["nama"] = "\tSiti";
        await FamilySet.AddAsync(bot, kader.Id, record);
        var prefix = bot.Folder.File("jatipuro");

        await using (var scope = bot.App.Services.CreateAsyncScope())
            await new FamilyExport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), bot.Regions)
                .WriteCsvAsync(ReportScope.Operator(Jatipuro), Jatipuro, prefix, withPii: true, CancellationToken.None);

        var families = Rows(await File.ReadAllTextAsync(prefix + "-keluarga.csv", Encoding.UTF8));
        var members = Rows(await File.ReadAllTextAsync(prefix + "-anggota.csv", Encoding.UTF8));
        string Cell(List<List<string>> rows, int row, string column) => rows[row][rows[0].IndexOf(column)];
        Assert.Equal("'" + Alamat, Cell(families, 1, "alamat"));
        Assert.Equal("'" + Rw, Cell(families, 1, "rw"));
        Assert.Equal("'@SUM(1+1)", Cell(families, 1, "rt"));
        Assert.Equal("'" + Nama, Cell(members, 1, "nama"));
        Assert.Equal("'\tSiti", Cell(members, 2, "nama"));
        // Numbers stay numbers, and text that is no formula is untouched.
        Assert.Equal("2", Cell(families, 1, "jumlah_anggota"));
        Assert.Equal("3313011708750001", Cell(members, 1, "nik"));
        Assert.All(families.Concat(members).SelectMany(r => r), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
    }

    /// <summary>RFC 4180 rows (quoted values may hold commas, quotes and tabs).</summary>
    private static List<List<string>> Rows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && !quoted && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else if (c != '\uFEFF') field.Append(c);
        }
        return rows;
    }
}
