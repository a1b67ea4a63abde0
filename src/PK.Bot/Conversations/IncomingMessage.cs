using PK.Domain.Conversations;

namespace PK.Bot.Conversations;

/// <summary>One chat on one channel: the unit of ordering.</summary>
public readonly record struct ChatKey(string Channel, string ChatId)
{
    public override string ToString() => $"{Channel}:{ChatId}";
}

/// <summary>A message as a channel hands it over: where it came from, the platform's id for it, and its neutral content.</summary>
/// <param name="RetriedByChannel">The channel keeps the message and hands it over again until its turn commits
/// (Telegram's unconfirmed offset, a stored webhook delivery), so the person must not be asked to send it again.</param>
public sealed record IncomingMessage(ChatKey Chat, string MessageId, Inbound Content, bool RetriedByChannel = false);

public enum TurnOutcome
{
    /// <summary>Applied and committed; its replies wait in the outbox.</summary>
    Applied,
    /// <summary>Seen before (a redelivery): nothing changed.</summary>
    Duplicate,
    /// <summary>The chat belongs to nobody on the roster: a refusal was queued, nothing else.</summary>
    NotOnRoster,
    /// <summary>Nothing was written (storage failed); the person was told directly.</summary>
    Failed,
}

public static class ChannelNames
{
    public const string Console = "console";
}
