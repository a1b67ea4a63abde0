using PK.Bot.Hosting;
using PK.Bot.Persistence;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// Stores a webhook delivery durably before it is acknowledged: one inbox row per message or status (a wamid seen
/// before is skipped), and the sender's last inbound time, which opens their 24-hour window — in one transaction.
/// </summary>
public sealed class WhatsAppInbox(IServiceScopeFactory scopes, TimeProvider clock, WakeSignal<WhatsAppInboxWorker> signal, WakeSignal<OutboxSender> outboxSignal)
{
    /// <returns>How many items were new.</returns>
    public async Task<int> StoreAsync(IReadOnlyList<WebhookItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetUtcNow();
        // BEGIN IMMEDIATE: a twin delivery racing this one waits, then finds these ids.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = items.Select(i => i.PlatformId).Distinct().ToList();
        var seen = await db.Inbox.Where(m => m.Channel == WhatsAppChannel.Name && ids.Contains(m.PlatformId))
            .Select(m => m.PlatformId).ToHashSetAsync(cancellationToken);
        var fresh = items.Where(i => seen.Add(i.PlatformId)).ToList();
        foreach (var item in fresh)
            db.Inbox.Add(new InboxMessage { Channel = WhatsAppChannel.Name, PlatformId = item.PlatformId, RawPayload = item.Json, ReceivedAt = now });

        var reopened = await OpenWindowsAsync(db, fresh.Where(i => i.IsMessage).ToList(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (fresh.Count > 0) signal.Notify();
        if (reopened) outboxSignal.Notify();
        return fresh.Count;
    }

    /// <summary>Records the senders' last inbound times; replies that waited for a closed window become due now.</summary>
    private static async Task<bool> OpenWindowsAsync(BotDbContext db, IReadOnlyList<WebhookItem> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return false;
        var latest = messages.GroupBy(m => m.WaId).ToDictionary(g => g.Key, g => g.Max(m => m.Timestamp < now ? m.Timestamp : now));
        var waIds = latest.Keys.ToList();
        var contacts = await db.Set<WhatsAppContact>().Where(c => waIds.Contains(c.WaId)).ToDictionaryAsync(c => c.WaId, cancellationToken);
        foreach (var (waId, at) in latest)
        {
            if (!contacts.TryGetValue(waId, out var contact))
                db.Add(new WhatsAppContact { WaId = waId, LastInboundAt = at });
            else if (at > contact.LastInboundAt)
                contact.LastInboundAt = at;
        }
        return await WakeWaitingRepliesAsync(db, waIds, now, cancellationToken) > 0;
    }

    internal static Task<int> WakeWaitingRepliesAsync(BotDbContext db, IReadOnlyList<string> waIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Outbox.Where(m => m.Channel == WhatsAppChannel.Name && waIds.Contains(m.ChatId) && m.SentAt == null && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
}

