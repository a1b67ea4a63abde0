using PK.Domain.Answers;

namespace PK.Domain.Interviews;

/// <summary>An answer a step recorded, for the echo the kader sees: its value (null when skipped) and any notice the parser gave.</summary>
public sealed record Recorded(AnswerKey Key, AnswerValue? Value, string? Notice = null);
