using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>One area's family target from <c>targets import</c>.</summary>
public sealed record TargetEntry(RegionCode Region, int TargetFamilies, int LineNumber);
