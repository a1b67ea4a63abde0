using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>The daily report of one area.</summary>
/// <param name="SubAreas">The areas one level down (kecamatan of a kabupaten, desa of a kecamatan), furthest behind first.</param>
/// <param name="Detail">The areas two levels down (desa of a kabupaten), furthest behind first; the text shows the head of it.</param>
public sealed record ProgressReport(
    AreaProgress Total,
    DateOnly Date,
    DateTimeOffset Now,
    IReadOnlyList<AreaProgress> SubAreas,
    IReadOnlyList<AreaProgress> Detail,
    IReadOnlyList<KaderStatus> IdleKader,
    IReadOnlyList<KaderStatus> Kader,
    ForwardBacklog Backlog,
    int IdleDays)
{
    public RegionCode Area => Total.Code;

    public static ProgressReport Compute(ProgressInput input, RegionDirectory regions)
    {
        // Sum desa counts up the tree once: every level's figure is the sum of the desa under it.
        var sums = new Dictionary<RegionCode, (int Families, int Today, int Berisiko)>();
        foreach (var desa in input.Desa)
        {
            if (!input.Area.Contains(desa.Desa)) continue;
            for (RegionCode? up = desa.Desa; up is { } code && input.Area.Contains(code); up = code.Parent)
            {
                var s = sums.GetValueOrDefault(code);
                sums[code] = (s.Families + desa.Families, s.Today + desa.Today, s.Berisiko + desa.Berisiko);
            }
        }
        AreaProgress Line(RegionCode code)
        {
            var s = sums.GetValueOrDefault(code);
            return new AreaProgress(code, regions.Exists(code) ? regions.NameOf(code) : code.Dotted, s.Families, s.Today, s.Berisiko, input.Targets.TargetOf(code));
        }

        var children = regions.ChildrenOf(input.Area);
        var grandchildren = children.SelectMany(regions.ChildrenOf).ToList();
        var idleSince = input.Now - TimeSpan.FromDays(input.IdleDays);
        var kader = input.Kader.Where(k => input.Area.Contains(k.Region)).ToList();
        return new ProgressReport(
            Line(input.Area),
            input.Date,
            input.Now,
            FurthestBehindFirst(children.Select(Line)),
            FurthestBehindFirst(grandchildren.Select(Line)),
            [.. kader.Where(k => k.LastFamilyAt is null || k.LastFamilyAt < idleSince).OrderBy(k => k.LastFamilyAt ?? DateTimeOffset.MinValue).ThenBy(k => k.Name, StringComparer.Ordinal)],
            [.. kader.OrderBy(k => k.Region.Dotted, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal)],
            input.Backlog,
            input.IdleDays);
    }

    /// <summary>Lowest percentage first; areas without a target after those with one, fewest families first.</summary>
    private static List<AreaProgress> FurthestBehindFirst(IEnumerable<AreaProgress> lines) =>
        [.. lines.OrderBy(l => l.Percent is null)
            .ThenBy(l => l.Percent ?? 0)
            .ThenBy(l => l.Families)
            .ThenBy(l => l.Name, StringComparer.Ordinal)];
}
