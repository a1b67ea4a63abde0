using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>An area's line in the report.</summary>
public sealed record AreaProgress(RegionCode Code, string Name, int Families, int Today, int Berisiko, int? Target)
{
    /// <summary>Families against target, in percent; none without a (positive) target.</summary>
    public decimal? Percent => Target is > 0 ? Math.Round(Families * 100m / Target.Value, 1) : null;
}
