namespace PK.Domain.Answers;

/// <summary>What parsing one typed answer gave.</summary>
public abstract record ParseResult
{
    private ParseResult() { }

    /// <summary>Taken. <paramref name="Warning"/> is a non-blocking remark to show (e.g. a NIK that does not match the sex).</summary>
    public sealed record Accepted(AnswerValue Value, string? Warning = null) : ParseResult;

    /// <summary>Refused: one short Bahasa Indonesia sentence saying what is expected.</summary>
    public sealed record Refused(string Message) : ParseResult;

    /// <summary>A forgiving guess matched more than one choice: ask back, never take one silently.</summary>
    public sealed record Ambiguous(string Message, IReadOnlyList<int> Candidates) : ParseResult;
}
