using Microsoft.Extensions.Options;
using PK.Bot.Hosting;
using PK.Bot.Logging;
using PK.Bot.Persistence;

namespace PK.Bot.Channels.Inbox;

/// <summary>
/// The one inbound path of every platform channel: a channel stores what the platform delivered
/// (<see cref="StageAsync"/>, durably, before acknowledging it), then this applies the stored items — each chat's in
/// order, different chats side by side — through the channel's <see cref="IInboxChannel.ApplyAsync"/>. An item that
/// fails is tried again after a growing delay while the rest of its chat waits; after
/// <see cref="InboxOptions.MaxAttempts"/> it is set aside with its error (<c>inbox list --failed</c>,
/// <c>inbox retry</c>) and its chat moves on. One odd item never stops a channel.
/// </summary>
public sealed class InboxPipeline(
    IServiceScopeFactory scopes,
    IEnumerable<IInboxChannel> channels,
    WakeSignal<InboxPipeline> signal,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxPipeline> logger) : BackgroundService
{
    private const int MaxErrorLength = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, IInboxChannel> byName = channels.ToDictionary(c => c.Name);

    /// <summary>
    /// Adds the platform's items to the inbox in the caller's transaction, skipping ids already stored; the caller saves
    /// and then calls <see cref="WakeSignal{T}.Notify"/> on <c>WakeSignal&lt;InboxPipeline&gt;</c>.
    /// </summary>
    /// <returns>The items that were new.</returns>
    public static async Task<IReadOnlyList<StagedItem>> StageAsync(BotDbContext db, string channel, IEnumerable<StagedItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = items.ToList();
        var ids = all.Select(i => i.PlatformId).Distinct().ToList();
        var seen = await db.Inbox.Where(m => m.Channel == channel && ids.Contains(m.PlatformId)).Select(m => m.PlatformId).ToHashSetAsync(cancellationToken);
        var fresh = all.Where(i => seen.Add(i.PlatformId)).ToList();
        foreach (var item in fresh)
            db.Inbox.Add(new InboxMessage { Channel = channel, PlatformId = item.PlatformId, ChatId = item.ChatId, RawPayload = item.Payload, ReceivedAt = now });
        return fresh;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (byName.Count == 0) return;
        var settle = byName.Values.Max(c => c.Settle);
        var wait = Poll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Items stored before a restart are applied first; then each round follows a wake-up or the next due retry.
                Round round;
                do round = await ApplyRoundAsync(stoppingToken);
                while (round.Rows == options.Value.BatchSize && round.Progressed);
                wait = round.NextDue is { } due ? Clamp(due - clock.GetUtcNow()) : Poll;
                if (await signal.WaitAsync(wait, stoppingToken) && settle > TimeSpan.Zero)
                    await Task.Delay(settle, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The inbox pipeline failed a round; trying again shortly");
                await Task.Delay(Poll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > Poll ? Poll : wait;

    private sealed record Round(int Rows, bool Progressed, DateTimeOffset? NextDue);

    private sealed record Work(InboxMessage Row, IInboxChannel Channel, InboxItem? Item, Exception? ReadError)
    {
        public string Lane => Item?.ChatId is { } chat ? $"{Row.Channel}:{chat}" : $"#{Row.Id}";
    }

    /// <summary>One round: the oldest waiting items, each chat's in order, chats side by side.</summary>
    private async Task<Round> ApplyRoundAsync(CancellationToken cancellationToken)
    {
        List<InboxMessage> rows;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var names = byName.Keys.ToList();
            rows = await db.Inbox.AsNoTracking().Where(m => names.Contains(m.Channel) && m.ProcessedAt == null && m.SetAsideAt == null)
                .OrderBy(m => m.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        }
        if (rows.Count == 0) return new Round(0, false, null);

        var work = rows.Select(Read).ToList();
        var now = clock.GetUtcNow();
        var marks = new Marks();
        LaneResult[] results;
        try
        {
            results = await Task.WhenAll(work.GroupBy(w => w.Lane)
                .Select(lane => RunLaneAsync([.. lane.OrderBy(w => w.Item?.Order ?? 0).ThenBy(w => w.Row.Id)], now, marks, cancellationToken)));
        }
        finally
        {
            // Whatever the lanes got done is marked, even when the round ends early (stopping).
            await MarkAsync(marks);
        }
        var next = results.Where(r => r.NextDue is not null).Select(r => r.NextDue!.Value).DefaultIfEmpty().Min();
        return new Round(rows.Count, results.Any(r => r.Progressed), next == default ? null : next);
    }

    /// <summary>The round's finished rows: applied (with the chat learnt from the payload, for rows stored without it) and forgotten.</summary>
    private sealed class Marks
    {
        private readonly Lock gate = new();
        public List<(long Id, string? LearntChat)> Done { get; } = [];
        public List<long> Forgotten { get; } = [];

        public void Applied(InboxMessage row, string? chat)
        {
            lock (gate) Done.Add((row.Id, row.ChatId is null ? chat : null));
        }

        public void Forget(long id)
        {
            lock (gate) Forgotten.Add(id);
        }
    }

    /// <summary>
    /// Marks the round's finished rows in one transaction that is not synced to disk on its own (synchronous=NORMAL on
    /// its connection): the next synced commit carries it. Until then — or if it is lost to a crash or power cut — an
    /// applied row is simply applied again, and its turn recognises the platform message id and changes nothing.
    /// One write instead of one synced transaction per applied item.
    /// </summary>
    private async Task MarkAsync(Marks marks)
    {
        if (marks.Done.Count == 0 && marks.Forgotten.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.Database.OpenConnectionAsync(CancellationToken.None);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;", CancellationToken.None);
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                var at = clock.GetUtcNow();
                foreach (var chunk in marks.Done.Where(d => d.LearntChat is null).Select(d => d.Id).Chunk(500))
                    await db.Inbox.Where(m => chunk.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, at).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), CancellationToken.None);
                foreach (var (id, chat) in marks.Done.Where(d => d.LearntChat is not null))
                    await db.Inbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, at).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                        .SetProperty(m => m.ChatId, m => m.ChatId ?? chat), CancellationToken.None);
                foreach (var chunk in marks.Forgotten.Chunk(500))
                    await db.Inbox.Where(m => chunk.Contains(m.Id)).ExecuteDeleteAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL;", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception ex)
        {
            // Not marked: the rows are read again and their turns ignore them as already applied.
            logger.LogWarning("Could not mark {Count} applied inbox item(s) ({Reason}); they will be looked at again", marks.Done.Count + marks.Forgotten.Count, ex.GetType().Name);
        }
    }

    private Work Read(InboxMessage row)
    {
        var channel = byName[row.Channel];
        try
        {
            var item = channel.Read(row);
            // A row stored before chats were recorded gets its chat from the payload.
            return new Work(row, channel, item.ChatId is null && row.ChatId is not null ? item with { ChatId = row.ChatId } : item, null);
        }
        catch (Exception ex)
        {
            return new Work(row, channel, null, ex);
        }
    }

    private sealed record LaneResult(bool Progressed, DateTimeOffset? NextDue);

    private async Task<LaneResult> RunLaneAsync(IReadOnlyList<Work> lane, DateTimeOffset now, Marks marks, CancellationToken cancellationToken)
    {
        var progressed = false;
        foreach (var work in lane)
        {
            if (work.Row.NextAttemptAt is { } due && due > now) return new LaneResult(progressed, due);
            Exception? error = work.ReadError;
            var outcome = InboxOutcome.Done;
            if (error is null)
            {
                try
                {
                    outcome = await work.Channel.ApplyAsync(work.Item!, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    error = ex;
                }
            }
            if (error is not null)
            {
                var failure = await RecordFailureAsync(work, error, cancellationToken);
                if (failure.SetAside)
                {
                    progressed = true;
                    continue;
                }
                return new LaneResult(progressed, failure.NextDue);
            }
            if (outcome == InboxOutcome.Later)
            {
                var later = clock.GetUtcNow() + Poll;
                await UpdateAsync(work.Row.Id, s => s.SetProperty(m => m.NextAttemptAt, later), cancellationToken);
                return new LaneResult(progressed, later);
            }
            if (outcome == InboxOutcome.Forget) marks.Forget(work.Row.Id);
            else marks.Applied(work.Row, work.Item?.ChatId);
            progressed = true;
        }
        return new LaneResult(progressed, null);
    }

    private sealed record Failure(bool SetAside, DateTimeOffset? NextDue);

    private async Task<Failure> RecordFailureAsync(Work work, Exception error, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var row = work.Row;
        var attempts = row.Attempts + 1;
        var setAside = attempts >= o.MaxAttempts;
        var now = clock.GetUtcNow();
        DateTimeOffset? next = setAside ? null : now + o.RetryDelay * Math.Pow(2, Math.Min(attempts - 1, 10));
        var description = Describe(error);
        var chat = work.Item?.ChatId;
        try
        {
            await UpdateAsync(row.Id, s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, description)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.SetAsideAt, setAside ? now : (DateTimeOffset?)null)
                .SetProperty(m => m.ChatId, m => m.ChatId ?? chat), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage itself is failing: nothing is counted, the item is simply tried again (its chat waits).
            logger.LogWarning("Inbox item {InboxId} of {Channel} failed ({Error}) and its failure could not be recorded ({Reason}); it is tried again",
                row.Id, row.Channel, description, ex.GetType().Name);
            return new Failure(false, now + o.RetryDelay);
        }
        if (setAside)
            logger.LogError("Inbox item {InboxId} of {Channel} chat {ChatId} could not be applied after {Attempts} tries ({Error}); set aside, its chat moves on (inbox list --failed)",
                row.Id, row.Channel, chat ?? row.ChatId, attempts, description);
        else
            logger.LogWarning("Inbox item {InboxId} of {Channel} chat {ChatId} could not be applied ({Error}); try {Attempts} of {MaxAttempts}, again at {Next}",
                row.Id, row.Channel, chat ?? row.ChatId, description, attempts, o.MaxAttempts, next);
        return new Failure(setAside, next);
    }

    /// <summary>The exception's type and message, masked and cut short: enough for the operator, no message content.</summary>
    internal static string Describe(Exception error)
    {
        var text = PrivacyMask.Apply($"{error.GetType().Name}: {error.Message}");
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private Task UpdateAsync(long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<InboxMessage>> set, CancellationToken cancellationToken) =>
        ExecuteAsync(db => db.Inbox.Where(m => m.Id == id).ExecuteUpdateAsync(set, cancellationToken));

    private async Task ExecuteAsync(Func<BotDbContext, Task<int>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }
}

/// <summary>One item a channel stores: its platform id (the inbox's redelivery key), its chat when known, the payload to keep.</summary>
public sealed record StagedItem(string PlatformId, string? ChatId, string Payload);
