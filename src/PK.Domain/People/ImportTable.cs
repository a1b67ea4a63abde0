namespace PK.Domain.People;

/// <summary>
/// The shape every admin import shares: a header naming the columns in any order and case,
/// comma or semicolon (whichever the header uses), UTF-8 with or without BOM, blank lines skipped.
/// </summary>
internal static class ImportTable
{
    /// <summary>Rows whose shape is sound; problems of shape (header, quotes, extra values) go to <paramref name="problems"/>.</summary>
    public static List<ImportRow> Read(string text, string[] required, string[] optional, List<RosterProblem> problems)
    {
        var rows = new List<ImportRow>();
        var fields = new List<string>();
        string[]? columns = null;
        var separator = ',';
        foreach (var (number, line) in Csv.Lines(text))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (columns is null)
            {
                separator = line.Count(c => c == ';') > line.Count(c => c == ',') ? ';' : ',';
                if (!Csv.TrySplit(line, separator, fields))
                {
                    problems.Add(new(number, Texts.ImportUnclosedQuote));
                    return rows;
                }
                columns = [.. fields.Select(f => f.Trim().ToLowerInvariant().Replace(' ', '_'))];
                if (!HeaderIsSound(number, columns, required, optional, problems)) return rows;
                continue;
            }
            if (!Csv.TrySplit(line, separator, fields))
            {
                problems.Add(new(number, Texts.ImportUnclosedQuote));
                continue;
            }
            // A spreadsheet's empty row arrives as ";;;;".
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            // More cells than the header names means a value slipped over, most often an unquoted comma in a name.
            if (fields.Count > columns.Length)
            {
                problems.Add(new(number, Texts.ImportTooManyValues(fields.Count, columns.Length)));
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length && i < fields.Count; i++)
            {
                if (columns[i].Length > 0) values[columns[i]] = fields[i].Trim();
            }
            rows.Add(new ImportRow(number, values));
        }
        if (columns is null) problems.Add(new(1, Texts.ImportFileEmpty));
        return rows;
    }

    private static bool HeaderIsSound(int number, string[] columns, string[] required, string[] optional, List<RosterProblem> problems)
    {
        var before = problems.Count;
        foreach (var column in required.Concat(optional))
        {
            if (columns.Count(c => c == column) > 1) problems.Add(new(number, Texts.ImportColumnTwice(column)));
        }
        foreach (var column in required)
        {
            if (!columns.Contains(column)) problems.Add(new(number, Texts.ImportColumnMissing(column)));
        }
        return problems.Count == before;
    }
}
