using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;

namespace PK.Bot.Operations;

/// <summary>
/// How long bookkeeping rows are kept (<c>Retention</c> section). Rows that protect against a redelivery are kept at
/// least <see cref="RedeliveryWindow"/>: Telegram keeps an unconfirmed update for at most 24 hours, and WhatsApp
/// (Meta's webhooks) retries an unacknowledged notification for up to 7 days; 8 days covers both with a day to spare.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The shortest age any pruned row may have: the longest platform redelivery window plus a day.</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromDays(8);

    public bool Enabled { get; set; } = true;

    /// <summary>How often the pruner runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement; small, so a turn never waits long behind the pruner.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Applied platform message ids (the turn-level redelivery guard).</summary>
    public TimeSpan ProcessedMessagesAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Replies the platform took (the newest of each chat is kept: it carries the chat's sequence).</summary>
    public TimeSpan SentRepliesAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Webhook deliveries already applied (the webhook-level redelivery guard).</summary>
    public TimeSpan AppliedInboxAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>WhatsApp delivery statuses of sent replies.</summary>
    public TimeSpan DeliveryStatusesAfter { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Deletes old bookkeeping in small batches in the background: applied message ids, sent replies, applied inbox
/// rows and delivery statuses older than their configured ages. Submitted records and everything a kader answered
/// are never touched. One class over the current tables, so a reshaped inbox or outbox changes only this.
/// </summary>
public sealed class RetentionPruner(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                await PruneOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException ex)
            {
                logger.LogWarning(ex, "Pruning old bookkeeping failed; trying again in {Interval}", options.Value.Interval);
            }
        }
    }

    /// <summary>One pass over every table; returns the rows deleted per table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var deleted = new Dictionary<string, int>
        {
            ["processed_messages"] = await InBatchesAsync(
                "DELETE FROM processed_messages WHERE Id IN (SELECT Id FROM processed_messages WHERE AppliedAt < $cutoff LIMIT $batch)",
                Cutoff(now, o.ProcessedMessagesAfter), cancellationToken),
            ["inbox_messages"] = await InBatchesAsync(
                "DELETE FROM inbox_messages WHERE Id IN (SELECT Id FROM inbox_messages WHERE ProcessedAt IS NOT NULL AND ProcessedAt < $cutoff LIMIT $batch)",
                Cutoff(now, o.AppliedInboxAfter), cancellationToken),
            ["whatsapp_deliveries"] = await InBatchesAsync(
                "DELETE FROM whatsapp_deliveries WHERE Wamid IN (SELECT Wamid FROM whatsapp_deliveries WHERE COALESCE(StatusAt, SentAt) < $cutoff LIMIT $batch)",
                Cutoff(now, o.DeliveryStatusesAfter), cancellationToken),
            // A reply still named by a delivery status stays (a late 'failed' status re-queues it), and so does each
            // chat's newest reply: the next reply's sequence follows it.
            ["outbox_messages"] = await InBatchesAsync(
                """
                DELETE FROM outbox_messages WHERE Id IN (
                    SELECT o.Id FROM outbox_messages o
                    WHERE o.SentAt IS NOT NULL AND o.SentAt < $cutoff
                      AND o.Sequence < (SELECT MAX(x.Sequence) FROM outbox_messages x WHERE x.Channel = o.Channel AND x.ChatId = o.ChatId)
                      AND NOT EXISTS (SELECT 1 FROM whatsapp_deliveries d WHERE d.OutboxMessageId = o.Id)
                    LIMIT $batch)
                """,
                Cutoff(now, o.SentRepliesAfter), cancellationToken),
        };
        if (deleted.Values.Sum() > 0)
            logger.LogInformation("Pruned old bookkeeping: {Deleted}", string.Join(", ", deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")));
        return deleted;
    }

    /// <summary>The stored form of a UTC time (as the converter writes it), so text comparison is time comparison.</summary>
    private static string Cutoff(DateTimeOffset now, TimeSpan age) => UtcTextConverter.Format(now - Max(age, RetentionOptions.RedeliveryWindow));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<int> InBatchesAsync(string sql, string cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var count = await db.Database.ExecuteSqlRawAsync(sql,
                [new SqliteParameter("$cutoff", cutoff), new SqliteParameter("$batch", options.Value.BatchSize)], cancellationToken);
            total += count;
            if (count < options.Value.BatchSize) return total;
            // Let waiting turns take the write lock between batches.
            await Task.Yield();
        }
    }
}
