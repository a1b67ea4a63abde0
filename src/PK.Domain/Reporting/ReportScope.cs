using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>
/// Whose data a question about progress may read: a kader their own families, a koordinator their area,
/// an admin (and the operator's command line) everything. Every query over people's data takes one.
/// </summary>
public sealed record ReportScope(Role Role, string PersonId, RegionCode Area)
{
    /// <summary>The command line's scope: the operator has admin rights over the whole country.</summary>
    public static ReportScope Operator(RegionCode area) => new(Role.Admin, "", area);

    /// <summary>True when only the asker's own families may be counted.</summary>
    public bool OwnFamiliesOnly => Role == Role.Kader;

    /// <summary>Whether the asker may see the area <paramref name="code"/>.</summary>
    public bool Covers(RegionCode code) => Role == Role.Admin || Area.Contains(code);
}
