namespace PK.Domain.Conversations;

/// <summary>Settings of the interview that no source settled, or that operators tune.</summary>
public sealed record InterviewOptions
{
    /// <summary>An interview untouched this long is parked (never deleted) and offered back.</summary>
    public TimeSpan ParkAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long after submission a kader may still correct a family with /koreksi.</summary>
    public int CorrectionDays { get; init; } = 14;

    /// <summary>Longest message the engine reads; longer ones are refused without being parsed.</summary>
    public int MaxMessageLength { get; init; } = 1000;
}
