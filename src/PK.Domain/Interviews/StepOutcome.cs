namespace PK.Domain.Interviews;

/// <summary>What one step did: what was recorded, notices, rules the change broke elsewhere, and a refusal when something was not taken.</summary>
public sealed record StepOutcome(IReadOnlyList<Recorded> Echoes, IReadOnlyList<string> Notices, string? Refusal)
{
    /// <summary>A confirmation question to ask instead of the current form question.</summary>
    public Confirmation? Question { get; init; }

    /// <summary>Other answers whose rules the change broke (named so the kader can fix them).</summary>
    public IReadOnlyList<InterviewProblem> Broken { get; init; } = [];

    /// <summary>Why a submission was refused: what is missing or wrong.</summary>
    public IReadOnlyList<InterviewProblem> Incomplete { get; init; } = [];

    /// <summary>Tokens of a batch that were not applied.</summary>
    public IReadOnlyList<string> Unused { get; init; } = [];

    public bool IsRefused => Refusal is not null || Incomplete.Count > 0;

    public static StepOutcome Accepted(IReadOnlyList<Recorded> echoes, IReadOnlyList<string> notices) => new(echoes, notices, null);
    public static StepOutcome Refuse(string refusal) => new([], [], refusal);
}
