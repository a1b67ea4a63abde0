using PK.Bot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Bot.Logging;
using PK.Bot.Persistence;

namespace PK.Bot.Channels;

/// <summary>
/// Delivers committed replies, per chat in sequence order: a reply waits until every earlier reply of its chat has
/// gone. A failed send is retried with backoff and never dropped.
/// <para>
/// Each chat is scheduled on its own, by the time its next reply is due: a delivery step sends one reply and puts
/// the chat back in the queue behind the chats that were due before it. A chat paced by its platform, backing off
/// after failures or holding hundreds of replies therefore never holds another chat's reply back; chats that are due
/// together share the platform's budget in turn.
/// </para>
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    ChannelSenders senders,
    WakeSignal<OutboxSender> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger,
    PK.Bot.Operations.BotMetrics metrics) : BackgroundService
{
    private readonly Lock gate = new();
    // Chats waiting for their due time. The queue may hold stale entries; `due` holds each chat's one real time.
    private readonly PriorityQueue<ChatKey, DateTimeOffset> queue = new();
    private readonly Dictionary<ChatKey, DateTimeOffset> due = [];
    // Chats with a delivery step in flight, and those among them that were found to need another look meanwhile.
    private readonly HashSet<ChatKey> running = [];
    private readonly Dictionary<ChatKey, DateTimeOffset> recheck = [];
    private readonly SemaphoreSlim changed = new(0, 1);
    private readonly Dictionary<ChatKey, ChatLock> chatLocks = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scanning = ScanLoopAsync(stoppingToken);
        var slots = new SemaphoreSlim(options.Value.Parallelism);
        var steps = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                ChatKey chat;
                TimeSpan wait;
                while (!TryTakeDue(out chat, out wait))
                    await changed.WaitAsync(wait < options.Value.PollInterval ? wait : options.Value.PollInterval, stoppingToken);
                steps.RemoveAll(t => t.IsCompleted);
                steps.Add(RunStepAsync(chat, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(steps.Append(scanning));
    }

    /// <summary>Finds chats with waiting replies whenever a writer signals (and every poll interval, for due retries).</summary>
    private async Task ScanLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox sender could not look for waiting replies; trying again shortly");
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var chats = await db.Outbox.Where(m => m.SentAt == null)
            .Select(m => new { m.Channel, m.ChatId }).Distinct().ToListAsync(cancellationToken);
        // Only a chat's head carries a retry time: the rows behind it have never been tried.
        var retries = (await db.Outbox.Where(m => m.SentAt == null && m.NextAttemptAt != null)
            .Select(m => new { m.Channel, m.ChatId, m.NextAttemptAt }).ToListAsync(cancellationToken))
            .ToLookup(m => new ChatKey(m.Channel, m.ChatId), m => m.NextAttemptAt!.Value);
        var now = clock.GetUtcNow();
        foreach (var c in chats.Where(c => senders.Has(c.Channel)))
        {
            var chat = new ChatKey(c.Channel, c.ChatId);
            Schedule(chat, retries[chat].DefaultIfEmpty(now).Max(), fromScan: true);
        }
    }

    /// <summary>Puts the chat in the queue at <paramref name="at"/>, or earlier if it was already due sooner.</summary>
    private void Schedule(ChatKey chat, DateTimeOffset at, bool fromScan)
    {
        lock (gate)
        {
            if (running.Contains(chat))
            {
                if (fromScan) recheck[chat] = recheck.TryGetValue(chat, out var was) && was < at ? was : at;
                return;
            }
            if (due.TryGetValue(chat, out var current) && current <= at) return;
            due[chat] = at;
            queue.Enqueue(chat, at);
        }
        Wake();
    }

    private bool TryTakeDue(out ChatKey chat, out TimeSpan wait)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            while (queue.TryPeek(out chat!, out var at))
            {
                if (!due.TryGetValue(chat, out var real) || real != at)
                {
                    queue.Dequeue();
                    continue;
                }
                if (at > now)
                {
                    wait = at - now;
                    return false;
                }
                queue.Dequeue();
                due.Remove(chat);
                running.Add(chat);
                wait = TimeSpan.Zero;
                return true;
            }
            wait = options.Value.PollInterval;
            return false;
        }
    }

    private async Task RunStepAsync(ChatKey chat, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        DateTimeOffset? next;
        try
        {
            next = (await StepAsync(chat, ignoreSchedule: false, cancellationToken)).Next;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            next = null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Delivery to chat {Channel}:{ChatId} failed before a send; trying again shortly", chat.Channel, chat.ChatId);
            next = clock.GetUtcNow() + options.Value.PollInterval;
        }
        finally
        {
            slots.Release();
        }
        lock (gate)
        {
            running.Remove(chat);
            if (recheck.Remove(chat, out var seen)) next = next is { } n && n < seen ? n : seen;
        }
        if (next is { } at && !cancellationToken.IsCancellationRequested) Schedule(chat, at, fromScan: false);
    }

    private void Wake()
    {
        try { if (changed.CurrentCount == 0) changed.Release(); }
        catch (SemaphoreFullException) { /* already woken */ }
    }

    /// <summary>Sends the chat's waiting replies in order, stopping at the first that fails (or is not yet due).</summary>
    /// <param name="ignoreSchedule">Send now even if a retry is scheduled later (the console, where nobody else will).</param>
    /// <returns>True when nothing is left waiting for the chat.</returns>
    public async Task<bool> DeliverChatAsync(ChatKey chat, bool ignoreSchedule, CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = await StepAsync(chat, ignoreSchedule, cancellationToken);
            if (step.Next is null) return true;
            if (!step.Sent) return false;
        }
    }

    /// <param name="Sent">The head reply went out in this step.</param>
    /// <param name="Next">When the chat wants its next step; null when nothing is left waiting.</param>
    private readonly record struct Step(bool Sent, DateTimeOffset? Next);

    /// <summary>
    /// One delivery step for the chat: sends its head reply when it is due and the platform's pace allows.
    /// Returns when the chat wants its next step, or null when nothing is left waiting.
    /// </summary>
    private async Task<Step> StepAsync(ChatKey chat, bool ignoreSchedule, CancellationToken cancellationToken)
    {
        var sender = senders.For(chat.Channel);
        var readyAt = sender.ReadyAt(chat.ChatId);
        if (!ignoreSchedule && readyAt > clock.GetUtcNow()) return new Step(false, readyAt);

        var chatLock = Acquire(chat);
        try
        {
            await chatLock.WaitAsync(cancellationToken);
        }
        catch
        {
            Forget(chat);
            throw;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var head = await Head(db, chat.Channel, chat.ChatId, cancellationToken);
            if (head is null) return new Step(false, null);
            var now = clock.GetUtcNow();
            if (!ignoreSchedule && head.NextAttemptAt > now) return new Step(false, head.NextAttemptAt);
            head.Attempts++;
            try
            {
                await OutboxAttachments.SendAsync(sender, head, cancellationToken);
                head.SentAt = clock.GetUtcNow();
                head.LastError = null;
                head.NextAttemptAt = null;
                await UnsyncedSave.SaveChangesAsync(db);
                metrics.ReplySent(chat.Channel);
                var paced = sender.ReadyAt(chat.ChatId);
                return new Step(true, paced > head.SentAt ? paced : head.SentAt);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.ReplyFailed(chat.Channel, platformUnreachable: ex is ChannelUnavailableException);
                head.LastError = Truncate(PrivacyMask.Apply(ex.Message), 500);
                head.NextAttemptAt = now + (ex is ChannelUnavailableException { RetryAfter: { } wait } ? wait : Backoff.Delay(options.Value.InitialRetryDelay, options.Value.MaxRetryDelay, head.Attempts));
                await UnsyncedSave.SaveChangesAsync(db);
                if (ex is ChannelUnavailableException)
                    logger.LogWarning("Reply {Sequence} to chat {Channel}:{ChatId} not delivered (attempt {Attempts}): {Reason}; retrying at {NextAttemptAt}",
                        head.Sequence, chat.Channel, chat.ChatId, head.Attempts, head.LastError, head.NextAttemptAt);
                else
                    logger.LogError(ex, "Reply {Sequence} to chat {Channel}:{ChatId} failed unexpectedly (attempt {Attempts}); retrying at {NextAttemptAt}",
                        head.Sequence, chat.Channel, chat.ChatId, head.Attempts, head.NextAttemptAt);
                return new Step(false, head.NextAttemptAt);
            }
        }
        finally
        {
            Release(chat, chatLock);
        }
    }

    // The chat's oldest unsent reply, asked once per reply sent: compiled once.
    private static readonly Func<BotDbContext, string, string, CancellationToken, Task<OutboxMessage?>> Head =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, CancellationToken _) =>
            db.Outbox.Where(m => m.Channel == channel && m.ChatId == chatId && m.SentAt == null).OrderBy(m => m.Sequence).FirstOrDefault());

    private SemaphoreSlim Acquire(ChatKey chat)
    {
        lock (gate)
        {
            var entry = chatLocks.TryGetValue(chat, out var found) ? found : new ChatLock(new SemaphoreSlim(1, 1), 0);
            chatLocks[chat] = entry with { Users = entry.Users + 1 };
            return entry.Semaphore;
        }
    }

    private void Release(ChatKey chat, SemaphoreSlim semaphore)
    {
        semaphore.Release();
        Forget(chat);
    }

    private void Forget(ChatKey chat)
    {
        lock (gate)
        {
            var entry = chatLocks[chat];
            // Forget idle chats so the table does not grow with every chat ever seen.
            if (entry.Users == 1) chatLocks.Remove(chat);
            else chatLocks[chat] = entry with { Users = entry.Users - 1 };
        }
    }

    private sealed record ChatLock(SemaphoreSlim Semaphore, int Users);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
