using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>
/// Whose data a question about progress may read: a kader their own families, a koordinator and an admin their
/// area (<c>kode_wilayah</c>: a kabupaten office's admin sees its kabupaten, a province's its province), the operator's
/// command line everything (it holds the database anyway). Every query over people's data takes one.
/// </summary>
public sealed record ReportScope(Role Role, string PersonId, RegionCode Area)
{
    /// <summary>The command line's scope: the operator may read every area.</summary>
    public static ReportScope Operator(RegionCode area) => new(Role.Admin, "", area) { Everywhere = true };

    /// <summary>True for the operator only; an admin in chat is bound to their <see cref="Area"/>.</summary>
    public bool Everywhere { get; init; }

    /// <summary>True when only the asker's own families may be counted.</summary>
    public bool OwnFamiliesOnly => Role == Role.Kader;

    /// <summary>Whether the asker may see the area <paramref name="code"/>.</summary>
    public bool Covers(RegionCode code) => Everywhere || Area.Contains(code);
}
