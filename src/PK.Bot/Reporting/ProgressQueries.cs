using Microsoft.Extensions.Options;
using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Reporting;

/// <summary>A kader's own numbers on a day.</summary>
public sealed record KaderNumbers(int Today, int Total, int? Target, ForwardBacklog Backlog);

/// <summary>
/// Reads progress from the bot database under the asker's scope: a kader's queries see only their own families,
/// a koordinator's only their area (asking outside it throws), an admin's everything.
/// </summary>
public sealed class ProgressQueries(BotDbContext db, RegionDirectory regions, IOptions<ReportingOptions> options)
{
    /// <summary>The local calendar day of an area at an instant.</summary>
    public static DateOnly LocalDate(RegionCode area, DateTimeOffset at) =>
        DateOnly.FromDateTime(at.ToOffset(Provinces.OffsetOf(area.TimeZone)).DateTime);

    public async Task<ProgressReport> AreaReportAsync(ReportScope scope, RegionCode area, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Require(scope, area);
        var input = new ProgressInput(
            area, date, now,
            await DesaCountsAsync(scope, area, date, cancellationToken),
            await TargetsAsync(cancellationToken),
            await KaderAsync(scope, area, date, cancellationToken),
            await BacklogAsync(scope, area, cancellationToken),
            options.Value.IdleKaderDays);
        return ProgressReport.Compute(input, regions);
    }

    public async Task<KaderNumbers> KaderNumbersAsync(Person kader, DateOnly date, CancellationToken cancellationToken)
    {
        var scope = new ReportScope(Role.Kader, kader.Id.ToString(), RegionCode.Parse(kader.RegionCode));
        var mine = db.FamilyFacts.Where(f => f.KaderId == kader.Id && f.SubmittedLocalDate <= date);
        var total = await mine.CountAsync(cancellationToken);
        var today = await mine.CountAsync(f => f.SubmittedLocalDate == date, cancellationToken);
        return new KaderNumbers(today, total, kader.TargetFamilies, await BacklogAsync(scope, scope.Area, cancellationToken));
    }

    public async Task<IReadOnlyList<DesaCount>> DesaCountsAsync(ReportScope scope, RegionCode area, DateOnly date, CancellationToken cancellationToken)
    {
        Require(scope, area);
        var rows = await GroupsAsync(scope, area, date, cancellationToken);
        return [.. rows.GroupBy(r => r.DesaCode, StringComparer.Ordinal)
            .Select(g => new DesaCount(RegionCode.Parse(g.Key), g.Sum(r => r.Families), g.Sum(r => r.Today), g.Sum(r => r.Berisiko)))];
    }

    /// <summary>One kader's families in one desa as of <c>date</c>: submitted on or before it, of them that day and berisiko.</summary>
    private sealed record GroupCount(string DesaCode, Guid KaderId, int Families, int Today, int Berisiko, int Later, DateTimeOffset? LastFamilyAt);

    /// <summary>
    /// The area's families per desa and kader as of <paramref name="date"/>: the all-time sums of area_families (one row per
    /// desa and kader, kept by triggers), less the families first submitted after the date, which are found, like that day's,
    /// by one seek per row into the facts' (desa, kader, date) index. Nothing here walks the area's families.
    /// </summary>
    private async Task<List<GroupCount>> GroupsAsync(ReportScope scope, RegionCode area, DateOnly date, CancellationToken cancellationToken)
    {
        var (low, high) = Range(area);
        var groups = db.AreaFamilies.AsNoTracking();
        groups = area.Level == RegionLevel.Desa
            ? groups.Where(g => g.DesaCode == area.Dotted)
            : groups.Where(g => string.Compare(g.DesaCode, low) >= 0 && string.Compare(g.DesaCode, high) < 0);
        if (scope.OwnFamiliesOnly)
        {
            var me = Guid.Parse(scope.PersonId);
            groups = groups.Where(g => g.KaderId == me);
        }
        var facts = db.FamilyFacts.AsNoTracking();
        var rows = await groups
            .Select(g => new
            {
                g.DesaCode, g.KaderId, g.Families, g.Berisiko, g.LastFamilyAt,
                Later = facts.Count(f => f.DesaCode == g.DesaCode && f.KaderId == g.KaderId && f.SubmittedLocalDate > date),
                LaterBerisiko = facts.Count(f => f.DesaCode == g.DesaCode && f.KaderId == g.KaderId && f.SubmittedLocalDate > date && f.Berisiko),
                Today = facts.Count(f => f.DesaCode == g.DesaCode && f.KaderId == g.KaderId && f.SubmittedLocalDate == date),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => r.Families > r.Later)
            .Select(r => new GroupCount(r.DesaCode, r.KaderId, r.Families - r.Later, r.Today, r.Berisiko - r.LaterBerisiko, r.Later, r.LastFamilyAt))];
    }

    public async Task<ForwardBacklog> BacklogAsync(ReportScope scope, RegionCode area, CancellationToken cancellationToken)
    {
        Require(scope, area);
        // area_backlog holds one row per desa and kader, kept exact by triggers as records are submitted and delivered: an area's
        // backlog is a range of its key, whatever the number of waiting records.
        var (low, high) = area.Level == RegionLevel.Desa ? (area.Dotted, area.Dotted + "\0") : Range(area);
        var kader = scope.OwnFamiliesOnly ? Guid.Parse(scope.PersonId).ToString().ToUpperInvariant() : null;
        var found = await db.Database.SqlQuery<BacklogRow>($"""
            SELECT COALESCE(SUM(b."Waiting"), 0) AS "Count", MIN(b."Oldest") AS "Oldest"
            FROM area_backlog AS b
            WHERE b."DesaCode" >= {low} AND b."DesaCode" < {high} AND ({kader} IS NULL OR b."KaderId" = {kader})
            """).SingleAsync(cancellationToken);
        return found.Oldest is null
            ? new ForwardBacklog(0, null)
            : new ForwardBacklog(found.Count, DateTimeOffset.Parse(found.Oldest, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));
    }

    private sealed record BacklogRow(int Count, string? Oldest);

    public async Task<IReadOnlyList<KaderStatus>> KaderAsync(ReportScope scope, RegionCode area, DateOnly date, CancellationToken cancellationToken)
    {
        Require(scope, area);
        var (low, high) = Range(area);
        var people = db.People.AsNoTracking().Where(p => p.Active && p.Role == Role.Kader);
        people = scope.OwnFamiliesOnly
            ? people.Where(p => p.Id == Guid.Parse(scope.PersonId))
            : people.Where(p => p.RegionCode == area.Dotted || (string.Compare(p.RegionCode, low) >= 0 && string.Compare(p.RegionCode, high) < 0));
        var kader = await people.Select(p => new { p.Id, p.Name, p.RegionCode, p.TargetFamilies }).ToListAsync(cancellationToken);

        // A group with families after the date (a report for an earlier day) looks up its latest family up to that date.
        var groups = await GroupsAsync(scope, area, date, cancellationToken);
        foreach (var (g, i) in groups.Select((g, i) => (g, i)).Where(x => x.g.Later > 0).ToList())
            groups[i] = g with
            {
                LastFamilyAt = await db.FamilyFacts.AsNoTracking()
                    .Where(f => f.DesaCode == g.DesaCode && f.KaderId == g.KaderId && f.SubmittedLocalDate <= date)
                    .MaxAsync(f => (DateTimeOffset?)f.FirstSubmittedAt, cancellationToken),
            };
        // A kader working in two desa is summed here.
        var work = groups.GroupBy(w => w.KaderId)
            .ToDictionary(g => g.Key, g => new { Families = g.Sum(w => w.Families), Today = g.Sum(w => w.Today), Last = g.Max(w => w.LastFamilyAt) });
        var activity = (await db.Interviews
                .Where(i => i.RegionCode == area.Dotted || (string.Compare(i.RegionCode, low) >= 0 && string.Compare(i.RegionCode, high) < 0))
                .GroupBy(i => i.KaderId)
                .Select(g => new { Kader = g.Key, Last = g.Max(i => i.UpdatedAt) })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.Kader, a => a.Last);

        return [.. kader.Select(k =>
        {
            var done = work.GetValueOrDefault(k.Id);
            DateTimeOffset? last = activity.TryGetValue(k.Id, out var at) ? at : null;
            if (done is not null && (last is null || done.Last > last)) last = done.Last;
            return new KaderStatus(k.Id.ToString(), k.Name, RegionCode.Parse(k.RegionCode), k.TargetFamilies,
                done?.Families ?? 0, done?.Today ?? 0, done?.Last, last);
        })];
    }

    public async Task<TargetBook> TargetsAsync(CancellationToken cancellationToken)
    {
        var imported = await db.AreaTargets.AsNoTracking().Select(t => new { t.RegionCode, t.TargetFamilies }).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking()
            .Where(p => p.Active && p.TargetFamilies != null && p.Role != Role.Admin)
            .Select(p => new { p.Role, p.RegionCode, Target = p.TargetFamilies!.Value })
            .ToListAsync(cancellationToken);
        return new TargetBook(
            imported.ToDictionary(t => RegionCode.Parse(t.RegionCode), t => t.TargetFamilies),
            // Two koordinators of one area: the larger target is the area's (they share it, they do not add up).
            people.Where(p => p.Role == Role.Koordinator).GroupBy(p => RegionCode.Parse(p.RegionCode)).ToDictionary(g => g.Key, g => g.Max(p => p.Target)),
            people.Where(p => p.Role == Role.Kader).GroupBy(p => RegionCode.Parse(p.RegionCode)).ToDictionary(g => g.Key, g => g.Sum(p => p.Target)),
            regions);
    }

    /// <summary>The families of <paramref name="area"/> the scope may read (its own only, for a kader).</summary>
    internal static IQueryable<FamilyFact> FactsIn(BotDbContext db, ReportScope scope, RegionCode area)
    {
        Require(scope, area);
        var (low, high) = Range(area);
        var facts = db.FamilyFacts.AsNoTracking();
        // One plain condition, not an OR: SQLite answers an OR by collecting rowids, which would leave the covering index.
        facts = area.Level == RegionLevel.Desa
            ? facts.Where(f => f.DesaCode == area.Dotted)
            : facts.Where(f => string.Compare(f.DesaCode, low) >= 0 && string.Compare(f.DesaCode, high) < 0);
        if (scope.OwnFamiliesOnly)
        {
            var me = Guid.Parse(scope.PersonId);
            facts = facts.Where(f => f.KaderId == me);
        }
        return facts;
    }

    // Every code inside "33.13" sorts between "33.13." and "33.13/" ('/' follows '.'), so an index serves the range.
    private static (string Low, string High) Range(RegionCode area) => (area.Dotted + ".", area.Dotted + "/");

    private static void Require(ReportScope scope, RegionCode area)
    {
        if (!scope.Covers(area))
            throw new UnauthorizedAccessException($"Scope {scope.Role} {scope.Area} does not cover {area}.");
    }
}
