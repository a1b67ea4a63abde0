using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Reporting;

public sealed class ExportTests
{
    private static readonly RegionCode Jatipuro = RegionCode.Parse("33.13.01");

    private static async Task<(BotFixture Bot, Guid RecordId)> StartWithFamilyAsync(Action<IServiceCollection>? services = null)
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 12));
        var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string> { ["Reports:DailyAt"] = "23:59", ["Reports:ExportCheckEvery"] = "00:00:00.050" }, services: services);
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        var record = FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9), berisiko: true);
        await FamilySet.AddAsync(bot, kader.Id, record);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.14.01.2001", kader.Id, FamilySet.Wib(4, 14, 10)));
        return (bot, record.RecordId);
    }

    private static async Task<ExportSummary> ExportAsync(BotFixture bot, Func<FamilyExport, Task<ExportSummary>> write)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        return await write(new FamilyExport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), bot.Regions));
    }

    [Fact]
    public async Task TheCsvExportHasCodesAndLabelsButNoNikNamesOrPhoneWithoutPii()
    {
        var (bot, id) = await StartWithFamilyAsync();
        await using var _ = bot;
        var prefix = bot.Folder.File("jatipuro");

        var summary = await ExportAsync(bot, e => e.WriteCsvAsync(ReportScope.Operator(Jatipuro), Jatipuro, prefix, withPii: false, CancellationToken.None));

        Assert.Equal((1, 2), (summary.Families, summary.Members));
        var families = await File.ReadAllLinesAsync(prefix + "-keluarga.csv", Encoding.UTF8);
        var members = await File.ReadAllLinesAsync(prefix + "-anggota.csv", Encoding.UTF8);
        Assert.Equal(2, families.Length);
        Assert.Equal(3, members.Length);
        var header = Fields(families[0]).ToArray();
        var row = Fields(families[1]);
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(id.ToString(), Cell("record_id"));
        Assert.Equal("Jatipuro", Cell("kecamatan"));
        Assert.Equal("Ngepungsari", Cell("desa"));
        Assert.Equal("3", Cell("pk_air_minum"));
        Assert.Equal("2 9", Cell("pk_sumber_petugas"));
        Assert.Contains(";", Cell("pk_sumber_petugas_label"));
        Assert.False(string.IsNullOrEmpty(Cell("pk_air_minum_label")));
        Assert.NotEqual("3", Cell("pk_air_minum_label"));
        Assert.Equal("1", Cell("berisiko_stunting"));
        Assert.Equal("jamban_tidak_layak", Cell("alasan_risiko"));
        Assert.DoesNotContain("telepon", header);
        Assert.DoesNotContain("alamat", header);
        Assert.DoesNotContain("nama", members[0].Split(','));
        Assert.DoesNotContain("nik", members[0].Split(','));
        var all = string.Join("\n", families.Concat(members));
        Assert.DoesNotContain(FamilySet.KkNik, all);
        Assert.DoesNotContain(FamilySet.KkName, all);
        Assert.DoesNotContain(FamilySet.Phone, all);
        Assert.Contains("jenis_kelamin_label", members[0]);
    }

    [Fact]
    public async Task TheCsvExportWithPiiCarriesNikNamesAndAQuotedAddress()
    {
        var (bot, _) = await StartWithFamilyAsync();
        await using var __ = bot;
        var prefix = bot.Folder.File("pii");

        await ExportAsync(bot, e => e.WriteCsvAsync(ReportScope.Operator(Jatipuro), Jatipuro, prefix, withPii: true, CancellationToken.None));

        var families = await File.ReadAllTextAsync(prefix + "-keluarga.csv", Encoding.UTF8);
        var members = await File.ReadAllTextAsync(prefix + "-anggota.csv", Encoding.UTF8);
        Assert.Contains("\"Jl. Melati 5, \"\"Gang\"\" Mawar\"", families);
        Assert.Contains(FamilySet.Phone, families);
        Assert.Contains(FamilySet.KkNik, members);
        Assert.Contains(FamilySet.KkName, members);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheXlsxExportHasTwoSheetsWithPersonalDataOnlyWhenAsked(bool withPii)
    {
        var (bot, id) = await StartWithFamilyAsync();
        await using var _ = bot;
        var path = bot.Folder.File("jatipuro.xlsx");

        var summary = await ExportAsync(bot, e => e.WriteXlsxAsync(ReportScope.Operator(Jatipuro), Jatipuro, path, withPii, CancellationToken.None));

        Assert.Equal((1, 2), (summary.Families, summary.Members));
        var (workbook, families, members) = ReadXlsx(path);
        Assert.Contains("name=\"keluarga\"", workbook);
        Assert.Contains("name=\"anggota\"", workbook);
        Assert.Contains(id.ToString(), families);
        Assert.Contains("Ngepungsari", families);
        Assert.Contains("jenis_kelamin_label", members);
        Assert.Equal(withPii, members.Contains(FamilySet.KkNik));
        Assert.Equal(withPii, members.Contains(FamilySet.KkName));
        Assert.Equal(withPii, families.Contains(FamilySet.Phone));
    }

    [Fact]
    public async Task AnXlsxWhoseOutputFailsMidWayStopsBothSidesWithTheErrorAndLeavesNoScratchFile()
    {
        var (bot, _) = await StartWithFamilyAsync();
        await using var _ = bot;
        var kader = await bot.AddPersonAsync("Dewi", "6281300000002");
        // Enough rows that the sheet's buffer is written out (and fails) while records are still being read.
        for (var i = 0; i < 60; i++)
            await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2002", kader.Id, FamilySet.Wib(4, 14, 11)));

        await using var output = new FailingStream(allowedBytes: 4096);
        var error = await Assert.ThrowsAsync<IOException>(() =>
            ExportAsync(bot, e => e.WriteXlsxAsync(ReportScope.Operator(Jatipuro), Jatipuro, output, bot.Folder.Path, withPii: false, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("disk full", error.Message);
        Assert.Empty(Directory.GetFiles(bot.Folder.Path, ".export-*"));
    }

    /// <summary>An output that takes a few bytes, then fails every write as a full disk would.</summary>
    private sealed class FailingStream(int allowedBytes) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > allowedBytes) throw new IOException("disk full");
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task TheXlsxMembersSheetHoldsTheSameValuesAsTheCsvAndLeavesNoScratchFileBehind()
    {
        var (bot, _) = await StartWithFamilyAsync();
        await using var _ = bot;
        var path = bot.Folder.File("sama.xlsx");
        var prefix = bot.Folder.File("sama");

        await ExportAsync(bot, e => e.WriteCsvAsync(ReportScope.Operator(Jatipuro), Jatipuro, prefix, withPii: true, CancellationToken.None));
        await ExportAsync(bot, e => e.WriteXlsxAsync(ReportScope.Operator(Jatipuro), Jatipuro, path, withPii: true, CancellationToken.None));

        var csv = (await File.ReadAllLinesAsync(prefix + "-anggota.csv", Encoding.UTF8)).Select(Fields).ToList();
        var (_, _, members) = ReadXlsx(path);
        var sheet = XDocument.Parse(members).Descendants().Where(e => e.Name.LocalName == "row")
            .Select(row => row.Elements().Select(c => string.Concat(c.Descendants().Where(d => d.Name.LocalName is "v" or "t").Select(d => d.Value))).ToList())
            .ToList();
        Assert.Equal(3, sheet.Count);
        Assert.Equal(csv, sheet);
        Assert.Contains(sheet[1], v => v == FamilySet.KkNik);
        Assert.Empty(Directory.GetFiles(bot.Folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task UnduhSendsTheAreasWorkbookWithoutPersonalDataAsADocument()
    {
        var files = new FileChannelSender();
        var (bot, id) = await StartWithFamilyAsync(s => s.AddSingleton<IChannelSender>(files));
        await using var _ = bot;
        await bot.AddPersonAsync("Koordinator Jatipuro", "6281300000030", "koor", FileChannelSender.ChannelName, Role.Koordinator, "33.13.01");

        await bot.Dispatcher.DispatchAsync(Messages.Text("koor", "u1", "/unduh", FileChannelSender.ChannelName));

        var sent = await files.WaitForAsync("koor", 2);
        Assert.Contains("sedang disiapkan", sent[0].Text);
        Assert.Equal(AttachmentKind.Document, sent[1].Kind);
        Assert.EndsWith(".xlsx", sent[1].FileName);
        Assert.Contains("Kecamatan Jatipuro", sent[1].Text);
        var path = bot.Folder.File("unduh.xlsx");
        await File.WriteAllBytesAsync(path, sent[1].Bytes!);
        var (_, families, members) = ReadXlsx(path);
        Assert.Contains(id.ToString(), families);
        Assert.DoesNotContain(FamilySet.KkNik, members);
        Assert.DoesNotContain(FamilySet.KkName, members);
        Assert.NotNull(await bot.QueryAsync(db => db.ExportRequests.Select(r => r.CompletedAt).SingleAsync()));
    }

    private static (string Workbook, string Families, string Members) ReadXlsx(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        return (Read("xl/workbook.xml"), Read("xl/worksheets/sheet1.xml"), Read("xl/worksheets/sheet2.xml"));
    }

    /// <summary>Splits one RFC 4180 line (no line breaks inside values in these tests).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
