namespace PK.Domain.People;

/// <summary>One data line of an import file: its number and its values by (lower-case) column.</summary>
internal sealed record ImportRow(int LineNumber, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The trimmed value; empty when the line stops before the column.</summary>
    public string this[string column] => Values.TryGetValue(column, out var value) ? value : "";
}
