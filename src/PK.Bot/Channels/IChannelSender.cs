using PK.Bot.Persistence;

namespace PK.Bot.Channels;

/// <summary>Delivers one queued reply on one channel. Throw <see cref="ChannelUnavailableException"/> when the platform cannot be reached now.</summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>
    /// When the chat may take its next message under the platform's per-chat pace. The outbox schedules the chat for
    /// then instead of holding a delivery slot while it waits; a channel without a pace keeps the default (now).
    /// </summary>
    DateTimeOffset ReadyAt(string chatId) => DateTimeOffset.MinValue;

    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The platform is down or refused for now; the reply stays queued and is tried again later (after <see cref="RetryAfter"/> when the platform named a wait).</summary>
public sealed class ChannelUnavailableException(string message, Exception? inner = null, TimeSpan? retryAfter = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The registered senders by channel name.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    private readonly Dictionary<string, IChannelSender> byChannel = senders.ToDictionary(s => s.Channel);

    public IChannelSender For(string channel) =>
        byChannel.TryGetValue(channel, out var sender) ? sender : throw new InvalidOperationException($"No sender for channel '{channel}'.");

    public bool Has(string channel) => byChannel.ContainsKey(channel);
}
