using System.Text;

namespace PK.Domain.Regions;

/// <summary>How a typed desa name is compared with the official one.</summary>
internal static class DesaNames
{
    private static readonly string[] Prefixes = ["desa ", "kelurahan ", "kel. ", "kel ", "ds. "];

    /// <summary>Lower case, single spaces, straight apostrophes, without a leading "desa"/"kelurahan"/"kel.".</summary>
    public static string Normalise(string? name)
    {
        if (name is null) return "";
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] != ' ') text.Append(' ');
            }
            else text.Append(c is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(c));
        }
        var normal = text.ToString();
        foreach (var prefix in Prefixes)
        {
            if (normal.Length > prefix.Length && normal.StartsWith(prefix, StringComparison.Ordinal))
                return normal[prefix.Length..].TrimStart();
        }
        // "Kel.Lalung" is typed too.
        return normal.StartsWith("kel.", StringComparison.Ordinal) && normal.Length > 4 ? normal[4..] : normal;
    }

    /// <summary>Two typos for a long name, one for a short one, none for a stub that would match anything.</summary>
    public static int AllowedTypos(string typed) => typed.Length switch
    {
        < 4 => 0,
        < 7 => 1,
        _ => 2,
    };

    /// <summary>
    /// Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap
    /// neighbours); anything above <paramref name="limit"/> is reported as <c>limit + 1</c>.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit) return limit + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return Math.Min(previous[b.Length], limit + 1);
    }
}
