namespace PK.Domain.Answers;

/// <summary>Spelling distance for forgiving matches of typed words against labels.</summary>
internal static class Fuzzy
{
    /// <summary>Longer strings are never compared: a typo match only makes sense for short words.</summary>
    private const int MaxLength = 64;

    /// <summary>
    /// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
    /// neighbours); <see cref="int.MaxValue"/> when either string is too long to be worth comparing.
    /// </summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > MaxLength || b.Length > MaxLength) return int.MaxValue;
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                d[i, j] = best;
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>How many slips a label of this length forgives: one up to 5 letters, two beyond.</summary>
    public static int Tolerance(int labelLength) => labelLength <= 5 ? 1 : 2;
}
