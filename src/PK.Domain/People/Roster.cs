using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>One person of a roster file. <paramref name="Role"/> null means <c>nonaktif</c>: deactivate them.</summary>
public sealed record RosterEntry(string Name, PhoneNumber Phone, Role? Role, RegionCode Region, int? TargetFamilies, int LineNumber);

/// <summary>
/// Why one line of an imported file was refused, in Bahasa Indonesia for the admin. It names the
/// column but never repeats a name or a whole phone number.
/// </summary>
public sealed record RosterProblem(int LineNumber, string Reason);

/// <summary>A parsed roster. Any problem makes the whole file unimportable: import all or nothing.</summary>
public sealed record RosterParseResult(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterProblem> Problems)
{
    public bool IsImportable => Problems.Count == 0;
}
