using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>
/// An area's family target (the README's Target step): its imported row; else its koordinator's <c>target_keluarga</c>; else the
/// sum of its parts (sub-areas, and for any area the kader placed directly in it). No target when no part has one.
/// </summary>
public sealed class TargetBook(
    IReadOnlyDictionary<RegionCode, int> imported,
    IReadOnlyDictionary<RegionCode, int> koordinators,
    IReadOnlyDictionary<RegionCode, int> kaderSums,
    RegionDirectory regions)
{
    private readonly Dictionary<RegionCode, int?> resolved = [];

    public static TargetBook Empty(RegionDirectory regions) => new(new Dictionary<RegionCode, int>(), new Dictionary<RegionCode, int>(), new Dictionary<RegionCode, int>(), regions);

    public int? TargetOf(RegionCode area)
    {
        if (resolved.TryGetValue(area, out var known)) return known;
        int? target = imported.TryGetValue(area, out var row) ? row
            : koordinators.TryGetValue(area, out var own) ? own
            : SumOfParts(area);
        resolved[area] = target;
        return target;
    }

    private int? SumOfParts(RegionCode area)
    {
        int? sum = kaderSums.TryGetValue(area, out var kader) ? kader : null;
        if (area.Level == RegionLevel.Desa) return sum;
        foreach (var child in regions.ChildrenOf(area))
            if (TargetOf(child) is { } part) sum = (sum ?? 0) + part;
        return sum;
    }
}
