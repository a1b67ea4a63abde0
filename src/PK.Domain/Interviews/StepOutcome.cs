namespace PK.Domain.Interviews;

/// <summary>What one step did: echoes of what was recorded, notices, and a refusal when something was not taken.</summary>
public sealed record StepOutcome(IReadOnlyList<string> Echoes, IReadOnlyList<string> Notices, string? Refusal)
{
    /// <summary>A confirmation question to ask instead of the current form question.</summary>
    public string? Question { get; init; }

    /// <summary>Tokens of a batch that were not applied.</summary>
    public IReadOnlyList<string> Unused { get; init; } = [];

    public bool IsRefused => Refusal is not null;

    public static StepOutcome Accepted(IReadOnlyList<string> echoes, IReadOnlyList<string> notices) => new(echoes, notices, null);
    public static StepOutcome Refuse(string refusal) => new([], [], refusal);
}
