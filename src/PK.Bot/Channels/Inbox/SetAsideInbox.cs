using PK.Bot.Persistence;

namespace PK.Bot.Channels.Inbox;

/// <summary>One set-aside inbox item as the operator sees it: where and when, and why — never its content.</summary>
public sealed record SetAsideItem(long Id, string Channel, string? ChatId, DateTimeOffset ReceivedAt, DateTimeOffset SetAsideAt, int Attempts, string? LastError);

/// <summary>
/// Inbox items the pipeline gave up on (<see cref="InboxPipeline"/>): counted for health checks and reports, listed and
/// put back by the <c>inbox list --failed</c> and <c>inbox retry</c> verbs. Works on any open database, bot running or not.
/// </summary>
public static class SetAsideInbox
{
    public static Task<int> CountAsync(BotDbContext db, CancellationToken cancellationToken) =>
        db.Inbox.CountAsync(m => m.SetAsideAt != null, cancellationToken);

    public static async Task<IReadOnlyList<SetAsideItem>> ListAsync(BotDbContext db, CancellationToken cancellationToken) =>
        await db.Inbox.AsNoTracking().Where(m => m.SetAsideAt != null).OrderBy(m => m.Id)
            .Select(m => new SetAsideItem(m.Id, m.Channel, m.ChatId, m.ReceivedAt, m.SetAsideAt!.Value, m.Attempts, m.LastError))
            .ToListAsync(cancellationToken);

    /// <summary>Puts one set-aside item (or, with null, all of them) back in the queue with fresh tries; returns how many.</summary>
    public static Task<int> RetryAsync(BotDbContext db, long? id, CancellationToken cancellationToken) =>
        db.Inbox.Where(m => m.SetAsideAt != null && (id == null || m.Id == id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SetAsideAt, (DateTimeOffset?)null)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, 0), cancellationToken);
}
