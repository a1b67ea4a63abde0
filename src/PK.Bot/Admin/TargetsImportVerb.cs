using System.CommandLine;
using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Admin;

/// <summary><c>targets import FILE.csv</c>: kode_wilayah,target_keluarga; any bad row and nothing is imported.</summary>
internal sealed class TargetsImportVerb : IVerb
{
    public string? Group => "targets";

    public Command Build(BotHostFactory hosts)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV: kode_wilayah,target_keluarga (comma or semicolon)." };
        var command = new Command("import", "Set family targets per area; areas absent from the file keep theirs. Any problem: nothing is imported.") { file };
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
            var parsed = TargetsParser.Parse(await File.ReadAllTextAsync(path.FullName, ct), app.Services.GetRequiredService<RegionDirectory>());
            if (!parsed.IsImportable)
            {
                foreach (var problem in parsed.Problems) Console.WriteLine($"baris {problem.LineNumber}: {problem.Reason}");
                Console.WriteLine($"{parsed.Problems.Count} masalah; tidak ada yang diimpor.");
                return 1;
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var existing = await db.AreaTargets.ToDictionaryAsync(t => t.RegionCode, ct);
            int added = 0, changed = 0;
            foreach (var entry in parsed.Entries)
            {
                if (existing.TryGetValue(entry.Region.Dotted, out var target))
                {
                    if (target.TargetFamilies == entry.TargetFamilies) continue;
                    target.TargetFamilies = entry.TargetFamilies;
                    target.ImportedAt = now;
                    changed++;
                    continue;
                }
                db.AreaTargets.Add(new AreaTarget { RegionCode = entry.Region.Dotted, TargetFamilies = entry.TargetFamilies, ImportedAt = now });
                added++;
            }
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"{added} ditambah, {changed} diubah, {parsed.Entries.Count - added - changed} tetap.");
            return 0;
        });
        return command;
    }
}
