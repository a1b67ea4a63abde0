using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.People;

/// <summary>What importing a roster file does to the people table: by phone, never duplicating; absentees untouched.</summary>
public sealed class RosterImport(BotDbContext db, TimeProvider clock)
{
    public sealed record Change(string Kind, RosterEntry Entry);

    /// <summary>The outcome of a whole file: its problems (then nothing was imported), or what changed.</summary>
    public sealed record Outcome(IReadOnlyList<RosterProblem> Problems, IReadOnlyList<Change> Changes);

    /// <summary>Checks the whole file first: one bad row and nothing is imported.</summary>
    public async Task<Outcome> ImportAsync(string csvText, RegionDirectory regions, bool dryRun, CancellationToken cancellationToken)
    {
        var parsed = RosterParser.Parse(csvText, regions);
        if (!parsed.IsImportable) return new Outcome(parsed.Problems, []);
        return new Outcome([], await ApplyAsync(parsed.Entries, dryRun, cancellationToken));
    }

    public async Task<IReadOnlyList<Change>> ApplyAsync(IReadOnlyList<RosterEntry> entries, bool dryRun, CancellationToken cancellationToken)
    {
        var hashes = entries.Select(e => db.PhoneHashOf(e.Phone.Digits)).ToList();
        var existing = await db.People.Where(p => hashes.Contains(p.PhoneHash!)).ToDictionaryAsync(p => p.PhoneDigits, cancellationToken);
        var now = clock.GetUtcNow();
        var changes = new List<Change>();
        foreach (var entry in entries)
        {
            existing.TryGetValue(entry.Phone.Digits, out var person);
            var kind = Classify(person, entry);
            changes.Add(new Change(kind, entry));
            if (dryRun || kind is "tetap" or "dilewati") continue;
            if (person is null)
            {
                db.People.Add(new Person
                {
                    Id = Guid.NewGuid(),
                    Name = entry.Name,
                    PhoneDigits = entry.Phone.Digits,
                    Role = entry.Role!.Value,
                    RegionCode = entry.Region.Dotted,
                    TargetFamilies = entry.TargetFamilies,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                continue;
            }
            person.Name = entry.Name;
            person.RegionCode = entry.Region.Dotted;
            person.TargetFamilies = entry.TargetFamilies;
            person.Active = entry.Role is not null;
            if (entry.Role is { } role) person.Role = role;
            person.UpdatedAt = now;
        }
        if (!dryRun) await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    private static string Classify(Person? person, RosterEntry entry) => (person, entry.Role) switch
    {
        (null, null) => "dilewati",
        (null, _) => "tambah",
        ({ Active: true }, null) => "nonaktif",
        ({ Active: false }, null) => "tetap",
        _ when person.Active && person.Role == entry.Role && person.Name == entry.Name && person.RegionCode == entry.Region.Dotted
               && person.TargetFamilies == entry.TargetFamilies => "tetap",
        _ => "ubah",
    };
}
