using PK.Domain.Conversations;

namespace PK.Bot.Turns;

/// <summary>A message as a channel hands it over: where it came from, the platform's id for it, and its neutral content.</summary>
/// <param name="RetriedByChannel">The channel keeps the message and hands it over again until its turn commits
/// (a stored inbox item), so the person must not be asked to send it again.</param>
public sealed record IncomingMessage(ChatKey Chat, string MessageId, Inbound Content, bool RetriedByChannel = false);
