using System.Text.Json;
using Microsoft.Extensions.Options;
using PK.Bot.Logging;
using PK.Bot.Persistence;

namespace PK.Bot.Forwarding;

/// <summary>What one round of forwarding did.</summary>
public sealed record ForwardRound(int Sent, int Accepted, int SetAside, string? Failure, bool ConfigurationError)
{
    public static readonly ForwardRound Idle = new(0, 0, 0, null, false);
}

/// <summary>
/// Delivers waiting family records to the core in batches, oldest first. A record is marked delivered only after the
/// core confirmed it; a dead core is retried forever with backoff, jitter and a circuit breaker; a record the core
/// refuses is set aside with the reason for an admin (<c>forward list</c>, <c>forward retry</c>).
/// </summary>
public sealed class Forwarder(
    IServiceScopeFactory scopes,
    ICoreSink sink,
    IOptions<ForwardingOptions> options,
    TimeProvider clock,
    ILogger<Forwarder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pacer = new DeliveryPacer(options.Value, Random.Shared);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Closed circuit: everything waiting, in overlapping batches; open: a one-record probe.
                var round = pacer.IsOpen ? await ForwardBatchAsync(pacer.NextBatchSize, stoppingToken) : await ForwardAllAsync(pacer.NextBatchSize, stoppingToken);
                if (round.Sent == 0)
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
                else if (round.Failure is not null)
                {
                    var wait = pacer.Failed(round.ConfigurationError);
                    await RecordWaitAsync(pacer, wait);
                    logger.LogWarning("The core did not take {Count} record(s) (failure {Failures} in a row{Breaker}): {Reason}; next attempt in {Wait}",
                        round.Sent - round.Accepted - round.SetAside, pacer.ConsecutiveFailures, pacer.IsOpen ? ", circuit open" : "", round.Failure, wait);
                    await Task.Delay(wait, clock, stoppingToken);
                }
                else
                {
                    if (pacer.ConsecutiveFailures > 0) logger.LogInformation("The core is taking records again");
                    pacer.Succeeded();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The bot's own database failed: nothing was marked, so nothing is lost; try again shortly.
                logger.LogError(ex, "The forwarder failed a round; trying again shortly");
                await Task.Delay(options.Value.MaxRetryDelay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends up to <paramref name="maxRecords"/> waiting records and saves what the core said about each.</summary>
    public async Task<ForwardRound> ForwardBatchAsync(int maxRecords, CancellationToken cancellationToken)
    {
        var batch = await ReadAsync(0, maxRecords, cancellationToken);
        if (batch.Rows == 0) return ForwardRound.Idle;
        var delivery = await DeliverAsync(batch, cancellationToken);
        await SaveAsync(delivery);
        return delivery.Round;
    }

    /// <summary>
    /// Sends every waiting record, in batches of <paramref name="batchSize"/>, oldest first, until a batch comes back short
    /// or the core fails one. The stages overlap: while the core stores one batch, the next is read and decrypted, and the
    /// previous batch's outcomes are saved; a batch is still marked delivered only after the core confirmed it.
    /// </summary>
    public async Task<ForwardRound> ForwardAllAsync(int batchSize, CancellationToken cancellationToken)
    {
        var total = ForwardRound.Idle;
        var next = ReadAsync(0, batchSize, cancellationToken);
        Task saving = Task.CompletedTask;
        try
        {
            while (true)
            {
                var batch = await next;
                if (batch.Rows == 0) break;
                // Only a full batch hints that more is waiting; the ids after it are the next batch.
                // SQLite's async calls complete synchronously: the read and the save get threads of their own to overlap at all.
                next = batch.Rows == batchSize ? Task.Run(() => ReadAsync(batch.LastQueueId, batchSize, cancellationToken), CancellationToken.None) : Task.FromResult(PendingBatch.Empty);
                var delivery = await DeliverAsync(batch, cancellationToken);
                await saving; // one save at a time, in batch order
                saving = Task.Run(() => SaveAsync(delivery), CancellationToken.None);
                var round = delivery.Round;
                total = new ForwardRound(total.Sent + round.Sent, total.Accepted + round.Accepted, total.SetAside + round.SetAside, round.Failure, round.ConfigurationError);
                if (round.Failure is not null || batch.Rows < batchSize) break;
            }
            await saving;
            return total;
        }
        finally
        {
            // Whatever stopped the loop, leave nothing running: a save in flight finishes, a read ahead is dropped.
            await Task.WhenAll(saving, next).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Waiting records after queue id <paramref name="afterQueueId"/>, oldest first, decrypted and read into core records.</summary>
    private async Task<PendingBatch> ReadAsync(long afterQueueId, int maxRecords, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var rows = await db.SubmittedRecords.AsNoTracking()
            .Where(r => r.ForwardStatus == ForwardStatus.Pending && r.Id > afterQueueId)
            .OrderBy(r => r.Id)
            .Take(maxRecords)
            .Select(r => new { r.Id, r.PayloadJson })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return PendingBatch.Empty;

        var unreadable = new List<(long QueueId, OutcomeKind Kind, string? Reason)>();
        var records = new List<CoreRecord>(rows.Count);
        foreach (var row in rows)
        {
            try { records.Add(CoreRecord.FromPayload(row.Id, row.PayloadJson)); }
            catch (JsonException ex) { unreadable.Add((row.Id, OutcomeKind.Rejected, $"Unreadable record: {ex.Message}")); }
        }
        return new PendingBatch(rows.Count, rows[^1].Id, records, unreadable);
    }

    private async Task<Delivery> DeliverAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<(long QueueId, OutcomeKind Kind, string? Reason)>(batch.Rows);
        outcomes.AddRange(batch.Unreadable);
        var records = batch.Records;
        string? failure = null;
        var configurationError = false;
        if (records.Count > 0)
        {
            try
            {
                foreach (var outcome in await sink.DeliverAsync(records, cancellationToken))
                {
                    outcomes.Add((outcome.Record.QueueId, outcome.Kind, outcome.Reason));
                    if (outcome.Kind == OutcomeKind.Retry && failure is null)
                        (failure, configurationError) = (outcome.Reason ?? "not delivered", outcome.ConfigurationError);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex is CoreUnavailableException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                configurationError = ex is CoreUnavailableException { ConfigurationError: true };
                logger.LogDebug(ex, "Delivery of {Count} record(s) failed", records.Count);
                outcomes.AddRange(records.Select(r => (r.QueueId, OutcomeKind.Retry, (string?)failure)));
            }
        }

        var accepted = outcomes.Count(o => o.Kind == OutcomeKind.Accepted);
        var setAside = outcomes.Count(o => o.Kind is OutcomeKind.Rejected or OutcomeKind.Conflict);
        logger.LogDebug("Forwarded a batch of {Count}: {Accepted} accepted, {SetAside} set aside", batch.Rows, accepted, setAside);
        return new Delivery(outcomes, failure, configurationError,
            new ForwardRound(batch.Rows, accepted, setAside, failure is null ? null : PrivacyMask.Apply(failure), configurationError));
    }

    private async Task SaveAsync(Delivery delivery)
    {
        await using var scope = scopes.CreateAsyncScope();
        await SaveAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), delivery.Outcomes, delivery.Failure, delivery.ConfigurationError, CancellationToken.None);
    }

    private sealed record PendingBatch(int Rows, long LastQueueId, List<CoreRecord> Records, List<(long QueueId, OutcomeKind Kind, string? Reason)> Unreadable)
    {
        public static readonly PendingBatch Empty = new(0, 0, [], []);
    }

    private sealed record Delivery(List<(long QueueId, OutcomeKind Kind, string? Reason)> Outcomes, string? Failure, bool ConfigurationError, ForwardRound Round);

    private async Task SaveAsync(BotDbContext db, List<(long QueueId, OutcomeKind Kind, string? Reason)> outcomes, string? failure, bool configurationError, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // The core already has these: whatever happens now, saving must not be cancelled half-way.
        var ct = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var delivered = outcomes.Where(o => o.Kind == OutcomeKind.Accepted).Select(o => o.QueueId).ToList();
        if (delivered.Count > 0)
            await db.SubmittedRecords.Where(r => delivered.Contains(r.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ForwardStatus, ForwardStatus.Delivered)
                .SetProperty(r => r.DeliveredAt, now)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null), ct);
        foreach (var (queueId, kind, reason) in outcomes.Where(o => o.Kind != OutcomeKind.Accepted))
        {
            var status = kind switch { OutcomeKind.Rejected => ForwardStatus.Rejected, OutcomeKind.Conflict => ForwardStatus.Conflict, _ => ForwardStatus.Pending };
            var error = Truncate(PrivacyMask.Apply(reason ?? kind.ToString()));
            await db.SubmittedRecords.Where(r => r.Id == queueId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ForwardStatus, status)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.LastError, error), ct);
            if (kind is OutcomeKind.Rejected or OutcomeKind.Conflict)
                logger.LogWarning("Record queue entry {QueueId} set aside as {Status}: {Reason}", queueId, status, error);
        }

        var state = await StateAsync(db, ct);
        state.LastAttemptAt = now;
        if (failure is null)
        {
            state.LastSuccessAt = now;
            state.ConsecutiveFailures = 0;
            state.ConfigurationError = false;
            state.NextAttemptAt = null;
        }
        else
        {
            state.LastErrorAt = now;
            state.LastError = Truncate(PrivacyMask.Apply(failure));
            state.ConfigurationError = configurationError;
            state.ConsecutiveFailures++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task RecordWaitAsync(DeliveryPacer pacer, TimeSpan wait)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var state = await StateAsync(db, CancellationToken.None);
        state.NextAttemptAt = clock.GetUtcNow() + wait;
        state.ConsecutiveFailures = pacer.ConsecutiveFailures;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    internal static async Task<ForwardState> StateAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.ForwardState.SingleOrDefaultAsync(s => s.Id == ForwardState.SingletonId, cancellationToken);
        if (state is null) db.ForwardState.Add(state = new ForwardState());
        return state;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
