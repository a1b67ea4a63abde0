using PK.Domain.Interviews;

namespace PK.Domain.Conversations;

/// <summary>What one turn starts from: who speaks, the chat's state, their interviews, the message, the time, and the registry of recorded families.</summary>
public sealed record TurnInput(Actor Actor, ConversationState State, IReadOnlyList<InterviewSnapshot> Interviews, Inbound Message, DateTimeOffset Now, IFamilyRegistry Registry);
