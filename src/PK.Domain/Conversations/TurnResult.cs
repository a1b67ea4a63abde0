using PK.Domain.Interviews;
using PK.Domain.Records;

namespace PK.Domain.Conversations;

/// <summary>What one turn decided; the host saves all of it in one transaction.</summary>
public sealed record TurnResult(ConversationState State, IReadOnlyList<Reply> Replies, IReadOnlyList<InterviewSnapshot> Changed, IReadOnlyList<AnswerChange> Audit, IReadOnlyList<FamilyRecord> Submitted);
