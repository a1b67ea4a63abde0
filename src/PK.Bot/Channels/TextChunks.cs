namespace PK.Bot.Channels;

/// <summary>Splits a long text into pieces a platform accepts, at line boundaries where it can, at spaces where a line is too long.</summary>
public static class TextChunks
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength) return [text];
        var chunks = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in Lines(text, maxLength))
        {
            var extra = current.Length == 0 ? line.Length : line.Length + 1;
            if (current.Length > 0 && current.Length + extra > maxLength)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append('\n');
            current.Append(line);
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    /// <summary>The text's lines, each no longer than <paramref name="maxLength"/> (an over-long line is broken at a space, else hard).</summary>
    private static IEnumerable<string> Lines(string text, int maxLength)
    {
        foreach (var whole in text.Split('\n'))
        {
            var line = whole;
            while (line.Length > maxLength)
            {
                var cut = line.LastIndexOf(' ', maxLength - 1, maxLength);
                if (cut <= 0) cut = SafeCut(line, maxLength);
                yield return line[..cut].TrimEnd();
                line = line[cut..].TrimStart(' ');
            }
            yield return line;
        }
    }

    /// <summary>A cut at most <paramref name="length"/> that does not split a surrogate pair.</summary>
    public static int SafeCut(string text, int length) =>
        length < text.Length && char.IsLowSurrogate(text[length]) ? length - 1 : Math.Min(length, text.Length);
}
