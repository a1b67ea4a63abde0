using System.CommandLine;
using System.Diagnostics;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Admin;

/// <summary><c>export --format csv|xlsx --area CODE --out PATH [--with-pii]</c>: families and members from the bot's own database.</summary>
internal sealed class ExportVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var format = new Option<string>("--format") { Description = "csv (PATH-keluarga.csv and PATH-anggota.csv) or xlsx (one workbook, two sheets).", Required = true };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var area = new Option<string>("--area") { Description = "Kemendagri code, dotted or plain.", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write: a path prefix for csv, the file for xlsx.", Required = true };
        var withPii = new Option<bool>("--with-pii") { Description = "Include NIK, names, phone numbers and street addresses." };
        var command = new Command("export", "Export an area's families and members (codes and labels).") { format, area, output, withPii };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            var regions = app.Services.GetRequiredService<RegionDirectory>();
            if (!RegionCode.TryParse(parse.GetValue(area), out var code) || !regions.Exists(code))
            {
                await Console.Error.WriteLineAsync($"--area: {parse.GetValue(area)} bukan kode wilayah yang dikenal (contoh 33.13 atau 3313).");
                return 2;
            }
            var path = Path.GetFullPath(parse.GetRequiredValue(output));
            Security.PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var scope = app.Services.CreateAsyncScope();
            var export = new FamilyExport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), regions);
            var pii = parse.GetValue(withPii);
            var watch = Stopwatch.StartNew();
            var summary = parse.GetRequiredValue(format) == "csv"
                ? await export.WriteCsvAsync(ReportScope.Operator(code), code, path, pii, ct)
                : await export.WriteXlsxAsync(ReportScope.Operator(code), code, path, pii, ct);
            foreach (var file in summary.Files) Console.WriteLine(file);
            Console.WriteLine($"{summary.Families} keluarga, {summary.Members} anggota{(pii ? " (dengan NIK dan nama)" : " (tanpa NIK dan nama)")}, {watch.Elapsed.TotalSeconds:0.0} detik.");
            return 0;
        });
        return command;
    }
}
