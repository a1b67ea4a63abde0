using PK.Bot.Conversations;
using PK.Bot.Persistence;

namespace PK.Bot.Reporting;

/// <summary>Queues scheduled messages behind whatever the chat already has waiting, in the caller's transaction.</summary>
internal static class ReportOutbox
{
    public static async Task QueueAsync(BotDbContext db, ChatKey chat, IEnumerable<string> payloads, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sequence = await db.Outbox.Where(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId)
            .MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        foreach (var payload in payloads)
            db.Outbox.Add(new OutboxMessage { Channel = chat.Channel, ChatId = chat.ChatId, Sequence = ++sequence, PayloadJson = payload, CreatedAt = now });
    }

    /// <summary>The chat a person was last linked on: where their scheduled messages go. None when they never linked one.</summary>
    public static async Task<ChatKey?> ChatOfAsync(BotDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var link = await db.ChatLinks.AsNoTracking().Where(l => l.PersonId == personId)
            .OrderByDescending(l => l.LinkedAt).FirstOrDefaultAsync(cancellationToken);
        return link is null ? null : new ChatKey(link.Channel, link.ChatId);
    }
}
