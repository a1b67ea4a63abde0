using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>Reads <c>kode_wilayah,target_keluarga</c> files in the roster's dialect (comma or semicolon, BOM, quotes).</summary>
public static class TargetsParser
{
    public static TargetsParseResult Parse(string csvText, RegionDirectory regions)
    {
        var problems = new List<RosterProblem>();
        var entries = new List<TargetEntry>();
        var firstLineOfRegion = new Dictionary<RegionCode, int>();
        foreach (var row in ImportTable.Read(csvText, [ImportValues.Code, ImportValues.Target], [], problems))
        {
            var before = problems.Count;
            var region = ImportValues.ParseRegion(row, regions, problems);
            if (region is { } r && !firstLineOfRegion.TryAdd(r, row.LineNumber))
                problems.Add(new(row.LineNumber, Texts.TargetsRegionRepeated(r.Dotted, firstLineOfRegion[r])));

            if (row[ImportValues.Target].Length == 0)
                problems.Add(new(row.LineNumber, Texts.ImportValueMissing(ImportValues.Target)));
            else if (ImportValues.TryParseTarget(row, problems, out var target) && problems.Count == before)
                entries.Add(new TargetEntry(region!.Value, target!.Value, row.LineNumber));
        }
        return new TargetsParseResult(entries, problems);
    }
}
