using PK.Domain.Answers;

namespace PK.Domain.Interviews;

/// <summary>A ya/tidak question the interview asks instead of the current form question.</summary>
public abstract record Confirmation
{
    private Confirmation() { }

    /// <summary>Cancel this family?</summary>
    public sealed record Cancel : Confirmation;

    /// <summary>This family looks recorded already (<paramref name="Description"/> holds no personal data); keep it as its own?</summary>
    public sealed record Duplicate(string Description) : Confirmation;

    /// <summary>An answer that contradicts something (the NIK): keep <paramref name="Value"/> anyway?</summary>
    public sealed record Warning(string Message, AnswerKey Key, AnswerValue Value) : Confirmation;
}
