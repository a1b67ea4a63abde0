namespace PK.Domain.Interviews;

/// <summary>Which answer: an item, and for member items the member's number (1-based).</summary>
public readonly record struct AnswerKey(string ItemId, int? Member)
{
    public override string ToString() => Member is { } m ? $"{ItemId}#{m}" : ItemId;

    /// <summary>Whether <paramref name="text"/> is this key as <see cref="ToString"/> spells it (without spelling it).</summary>
    public bool Is(string text)
    {
        if (Member is not { } m) return text == ItemId;
        var span = text.AsSpan();
        Span<char> digits = stackalloc char[16];
        return span.Length > ItemId.Length + 1 && span.StartsWith(ItemId) && span[ItemId.Length] == '#' &&
               m.TryFormat(digits, out var written) && span[(ItemId.Length + 1)..].SequenceEqual(digits[..written]);
    }

    public static AnswerKey Parse(string text)
    {
        var hash = text.IndexOf('#');
        return hash < 0 ? new AnswerKey(text, null) : new AnswerKey(text[..hash], int.Parse(text[(hash + 1)..]));
    }
}
