namespace PK.Domain.Conversations;

/// <summary>One incoming message, channel-neutral, as the conversation sees it.</summary>
/// <param name="SentAt">The platform's timestamp of when the person sent it.</param>
public sealed record Inbound(InboundKind Kind, string Text, DateTimeOffset SentAt);
