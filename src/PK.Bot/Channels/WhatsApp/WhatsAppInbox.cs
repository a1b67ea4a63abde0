using PK.Bot.Channels.Inbox;
using PK.Bot.Turns;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// Stores a webhook delivery durably before it is acknowledged: one inbox row per message or status (a wamid seen
/// before is skipped), and the sender's last inbound time, which opens their 24-hour window. Concurrent deliveries are
/// committed together (<see cref="GroupCommit{TRequest,TResult}"/>): one transaction for every post waiting, each
/// post answered once the commit holding its rows is done.
/// The <see cref="InboxPipeline"/> applies the rows through <see cref="WhatsAppInboxChannel"/>.
/// </summary>
public sealed class WhatsAppInbox
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly StrangerGate strangers;
    private readonly WakeSignal<InboxPipeline> signal;
    private readonly WakeSignal<OutboxSender> outboxSignal;
    private readonly GroupCommit<IReadOnlyList<WebhookItem>, int> commits;

    public WhatsAppInbox(IServiceScopeFactory scopes, TimeProvider clock, StrangerGate strangers, WakeSignal<InboxPipeline> signal, WakeSignal<OutboxSender> outboxSignal)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.strangers = strangers;
        this.signal = signal;
        this.outboxSignal = outboxSignal;
        commits = new GroupCommit<IReadOnlyList<WebhookItem>, int>(StoreTogetherAsync);
    }

    /// <returns>How many items were new.</returns>
    public Task<int> StoreAsync(IReadOnlyList<WebhookItem> items, CancellationToken cancellationToken) =>
        items.Count == 0 ? Task.FromResult(0) : commits.SubmitAsync(items, cancellationToken);

    /// <summary>Several deliveries in one transaction; for each, how many of its items were new (a twin later in the batch finds its ids taken).</summary>
    private async Task<IReadOnlyList<int>> StoreTogetherAsync(IReadOnlyList<IReadOnlyList<WebhookItem>> deliveries)
    {
        var cancellationToken = CancellationToken.None;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetUtcNow();
        // BEGIN IMMEDIATE: a twin delivery racing this one waits, then finds these ids.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var all = deliveries.SelectMany(d => d).ToList();
        var kept = (await WithoutRefusedStrangersAsync(db, all, now, cancellationToken)).ToHashSet();
        var staged = await InboxPipeline.StageAsync(db, WhatsAppChannel.Name,
            all.Where(kept.Contains).Select(i => new StagedItem(i.PlatformId, i.IsMessage ? i.WaId : null, i.Json)), now, cancellationToken);
        var freshIds = staged.Select(s => s.PlatformId).ToHashSet();
        var counts = new List<int>(deliveries.Count);
        var fresh = new List<WebhookItem>();
        foreach (var delivery in deliveries)
        {
            var mine = delivery.Where(i => kept.Contains(i) && freshIds.Remove(i.PlatformId)).ToList();
            fresh.AddRange(mine);
            counts.Add(mine.Count);
        }

        var reopened = await OpenWindowsAsync(db, fresh.Where(i => i.IsMessage).ToList(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (fresh.Count > 0) signal.Notify();
        if (reopened) outboxSignal.Notify();
        return counts;
    }

    /// <summary>
    /// Messages from a number refused within <c>Security:StrangerReplyEvery</c> that is still on nobody's roster are
    /// only counted: no inbox row, no window, no reply. A number added to the roster since is let through at once.
    /// </summary>
    private async Task<IReadOnlyList<WebhookItem>> WithoutRefusedStrangersAsync(BotDbContext db, IReadOnlyList<WebhookItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var suspects = items.Where(i => i.IsMessage && strangers.RecentlyAnswered(new ChatKey(WhatsAppChannel.Name, i.WaId), now)).Select(i => i.WaId).ToHashSet();
        if (suspects.Count == 0) return items;
        foreach (var waId in suspects.ToList())
            if (await db.ChatLinks.AnyAsync(l => l.Channel == WhatsAppChannel.Name && l.ChatId == waId && l.Person!.Active, cancellationToken)
                || await RosterPersonAsync(db, waId, cancellationToken) is not null)
                suspects.Remove(waId);
        var kept = items.Where(i => !i.IsMessage || !suspects.Contains(i.WaId)).ToList();
        strangers.Dropped(items.Count - kept.Count);
        return kept;
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

    /// <summary>The active roster person whose phone number is this WhatsApp number, if any.</summary>
    internal static async Task<Person?> RosterPersonAsync(BotDbContext db, string waId, CancellationToken cancellationToken) =>
        PhoneNumber.TryParse(waId, out var phone) ? await db.ActivePersonByPhoneAsync(phone, cancellationToken) : null;
}
