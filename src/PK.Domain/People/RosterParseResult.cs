using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>A parsed roster. Any problem makes the whole file unimportable: import all or nothing.</summary>
public sealed record RosterParseResult(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterProblem> Problems)
{
    public bool IsImportable => Problems.Count == 0;
}
