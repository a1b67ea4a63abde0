using PK.Domain.Answers;

namespace PK.Domain.Conversations;

/// <summary>One answer change, for the ODK-style audit a supervisor reads.</summary>
/// <param name="ItemKey">The question's key, e.g. "I.2#3" (member 3) or "III.23".</param>
public sealed record AnswerChange(Guid RecordId, string ItemKey, string ItemId, int? Member, AnswerValue? Previous, AnswerValue? Value, AnswerChangeKind Kind, DateTimeOffset At);
