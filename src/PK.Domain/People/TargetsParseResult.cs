using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>A parsed targets file; any problem makes the whole file unimportable.</summary>
public sealed record TargetsParseResult(IReadOnlyList<TargetEntry> Entries, IReadOnlyList<RosterProblem> Problems)
{
    public bool IsImportable => Problems.Count == 0;
}
