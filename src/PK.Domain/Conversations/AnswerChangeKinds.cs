namespace PK.Domain.Conversations;

/// <summary>The audit kinds' stored text: the words the audit table has always held, so existing rows read back.</summary>
public static class AnswerChangeKinds
{
    public static string StoredText(this AnswerChangeKind kind) => kind switch
    {
        AnswerChangeKind.Set => "set",
        AnswerChangeKind.Changed => "changed",
        AnswerChangeKind.Dropped => "dropped",
        AnswerChangeKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a stored kind; null for a word this version does not know.</summary>
    public static AnswerChangeKind? FromStoredText(string? text) => text switch
    {
        "set" => AnswerChangeKind.Set,
        "changed" => AnswerChangeKind.Changed,
        "dropped" => AnswerChangeKind.Dropped,
        "auto" => AnswerChangeKind.Auto,
        _ => null,
    };
}
