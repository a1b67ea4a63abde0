using System.CommandLine;
using PK.Bot.People;
using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Admin;

internal sealed class RosterImportVerb : IVerb
{
    public string? Group => "roster";

    public Command Build(BotHostFactory hosts)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV: nama,telepon,peran,kode_wilayah,target_keluarga (comma or semicolon)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, change nothing." };
        var command = new Command("import", "Add or update roster people by phone; peran 'nonaktif' deactivates. Any problem: nothing is imported.") { file, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"File {path.FullName} tidak ditemukan.");
                return 1;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            var isDryRun = parse.GetValue(dryRun);
            await using var scope = app.Services.CreateAsyncScope();
            var import = new RosterImport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), app.Services.GetRequiredService<TimeProvider>());
            var outcome = await import.ImportAsync(await File.ReadAllTextAsync(path.FullName, ct), app.Services.GetRequiredService<RegionDirectory>(), isDryRun, ct);
            if (outcome.Problems.Count > 0)
            {
                foreach (var problem in outcome.Problems) Console.WriteLine($"baris {problem.LineNumber}: {problem.Reason}");
                Console.WriteLine($"{outcome.Problems.Count} masalah; tidak ada yang diimpor.");
                return 1;
            }
            var changes = outcome.Changes;
            if (isDryRun)
                foreach (var change in changes.Where(c => c.Kind is not "tetap"))
                    Console.WriteLine($"{change.Kind,-9} baris {change.Entry.LineNumber}: {change.Entry.Phone.Masked} {Describe(change.Entry)}");
            var count = (string kind) => changes.Count(c => c.Kind == kind);
            Console.WriteLine($"{(isDryRun ? "Akan: " : "")}{count("tambah")} ditambah, {count("ubah")} diubah, {count("nonaktif")} dinonaktifkan, {count("tetap")} tetap, {count("dilewati")} dilewati.");
            return 0;
        });
        return command;
    }

    private static string Describe(RosterEntry entry) =>
        $"{entry.Name} ({entry.Role?.ToString().ToLowerInvariant() ?? "nonaktif"}, {entry.Region.Dotted}{(entry.TargetFamilies is { } t ? $", target {t}" : "")})";
}
