using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Channels;

/// <summary>
/// The one way rows enter the outbox: behind whatever the chat already has waiting, in the caller's transaction.
/// The caller saves, commits, then wakes the <see cref="OutboxSender"/> (<c>WakeSignal&lt;OutboxSender&gt;</c>), so a
/// reply is never sent before its turn is durable.
/// </summary>
public static class OutboxWriter
{
    public static Task QueueAsync(BotDbContext db, ChatKey chat, IEnumerable<Reply> replies, DateTimeOffset now, CancellationToken cancellationToken) =>
        QueueAsync(db, chat, replies.Select(OutboxPayload.Of), now, cancellationToken);

    public static async Task QueueAsync(BotDbContext db, ChatKey chat, IEnumerable<OutboxPayload> payloads, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sequence = await LastSequenceAsync(db, chat, cancellationToken);
        foreach (var payload in payloads)
            db.Outbox.Add(new OutboxMessage { Channel = chat.Channel, ChatId = chat.ChatId, Sequence = ++sequence, PayloadJson = payload.Serialize(), CreatedAt = now });
    }

    /// <summary>The chat's latest sequence number, counting rows queued in this context but not saved yet.</summary>
    public static async Task<long> LastSequenceAsync(BotDbContext db, ChatKey chat, CancellationToken cancellationToken)
    {
        var stored = await TurnQueries.LastOutboxSequence(db, chat.Channel, chat.ChatId, cancellationToken) ?? 0;
        var queued = db.Outbox.Local.Where(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId).Select(m => m.Sequence).DefaultIfEmpty(0).Max();
        return Math.Max(stored, queued);
    }
}
