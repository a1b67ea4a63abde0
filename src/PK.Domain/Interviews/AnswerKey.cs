namespace PK.Domain.Interviews;

/// <summary>Which answer: an item, and for member items the member's number (1-based).</summary>
public readonly record struct AnswerKey(string ItemId, int? Member)
{
    public override string ToString() => Member is { } m ? $"{ItemId}#{m}" : ItemId;

    public static AnswerKey Parse(string text)
    {
        var hash = text.IndexOf('#');
        return hash < 0 ? new AnswerKey(text, null) : new AnswerKey(text[..hash], int.Parse(text[(hash + 1)..]));
    }
}
