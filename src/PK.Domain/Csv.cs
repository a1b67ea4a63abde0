using System.Text;

namespace PK.Domain;

/// <summary>The little CSV the domain reads: one record per line, quoted fields with <c>""</c> escapes.</summary>
internal static class Csv
{
    /// <summary>
    /// Splits one line into <paramref name="fields"/> (cleared first). False when a quote is left
    /// open or text follows a closing quote — the line's shape cannot be trusted then.
    /// </summary>
    public static bool TrySplit(string line, char separator, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            // Spaces before an opening quote are tolerated, as spreadsheets sometimes write them.
            var start = i;
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return false;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != separator) return false;
            }
            else
            {
                i = start;
                while (i < line.Length && line[i] != separator) field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return true;
            i++; // past the separator
        }
    }

    /// <summary>Physical lines with their 1-based numbers; CRLF, LF or CR; a leading BOM removed.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var number = 0;
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        while (reader.ReadLine() is { } line) yield return (++number, line);
    }
}
