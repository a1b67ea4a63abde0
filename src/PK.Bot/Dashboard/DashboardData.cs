using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Dashboard;

/// <summary>A reason and how many of the area's families have it.</summary>
public sealed record ReasonCount(string Code, int Families);

/// <summary>The dashboard's own reads, beside <see cref="ProgressQueries"/>: counts and ids only, never names.</summary>
public sealed class DashboardData(BotDbContext db)
{
    /// <summary>Berisiko families of an area per reason (a family with two reasons counts under both); code "" = reason not recorded.</summary>
    public async Task<IReadOnlyList<ReasonCount>> ReasonsAsync(RegionCode area, DateOnly date, CancellationToken cancellationToken)
    {
        var (low, high) = Range(area);
        var masks = await db.FamilyFacts.AsNoTracking()
            .Where(f => string.Compare(f.DesaCode, low) >= 0 && string.Compare(f.DesaCode, high) < 0 && f.RiskMask != 0)
            .GroupBy(f => f.RiskMask)
            .Select(g => new { Mask = g.Key, Families = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = new int[RiskReasons.Codes.Count];
        foreach (var m in masks)
            for (var i = 0; i < counts.Length; i++)
                if ((m.Mask & (1 << i)) != 0) counts[i] += m.Families;
        return [.. RiskReasons.Codes.Select((code, i) => new ReasonCount(code, counts[i])).Where(r => r.Families > 0).OrderByDescending(r => r.Families)];
    }

    /// <summary>Families started and not yet submitted (in progress, paused, parked) per kader in an area.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> UnfinishedAsync(RegionCode area, CancellationToken cancellationToken)
    {
        var (low, high) = Range(area);
        var open = new[] { InterviewStatus.InProgress, InterviewStatus.Paused, InterviewStatus.Parked };
        return await db.Interviews.AsNoTracking()
            .Where(i => (i.RegionCode == area.Dotted || (string.Compare(i.RegionCode, low) >= 0 && string.Compare(i.RegionCode, high) < 0)) && open.Contains(i.Status))
            .GroupBy(i => i.KaderId)
            .Select(g => new { Kader = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kader, g => g.Count, cancellationToken);
    }

    /// <summary>Active kader of an area whose chat is not linked yet: id and home region only.</summary>
    public async Task<IReadOnlyList<(Guid Id, RegionCode Region)>> UnlinkedKaderAsync(RegionCode area, CancellationToken cancellationToken)
    {
        var (low, high) = Range(area);
        var rows = await db.People.AsNoTracking()
            .Where(p => p.Active && p.Role == Role.Kader
                && (p.RegionCode == area.Dotted || (string.Compare(p.RegionCode, low) >= 0 && string.Compare(p.RegionCode, high) < 0))
                && !db.ChatLinks.Any(l => l.PersonId == p.Id))
            .Select(p => new { p.Id, p.RegionCode })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, RegionCode.Parse(r.RegionCode))).OrderBy(r => r.Item2.Dotted, StringComparer.Ordinal).ThenBy(r => r.Id)];
    }

    /// <summary>Rejected or conflicting records with the core's reason, oldest first.</summary>
    public async Task<IReadOnlyList<SetAsideRecord>> SetAsideAsync(ForwardStatus status, int max, CancellationToken cancellationToken) =>
        await db.SubmittedRecords.AsNoTracking().Where(r => r.ForwardStatus == status).OrderBy(r => r.Id).Take(max)
            .Select(r => new SetAsideRecord(r.RecordId, r.Version, r.SubmittedAt, r.LastError))
            .ToListAsync(cancellationToken);

    public static string KaderLabel(Guid id) => "K-" + id.ToString("N")[..6].ToUpperInvariant();

    private static (string Low, string High) Range(RegionCode area) => (area.Dotted + ".", area.Dotted + "/");
}

public sealed record SetAsideRecord(Guid RecordId, int Version, DateTimeOffset SubmittedAt, string? Reason);
