using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PK.Bot.Conversations;
using PK.Bot.Logging;
using PK.Bot.Persistence;

namespace PK.Bot.Channels;

/// <summary>
/// Delivers committed replies, per chat in sequence order: a reply waits until every earlier reply of its
/// chat has gone. A failed send is retried with backoff and never dropped.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    ChannelSenders senders,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger,
    PK.Bot.Operations.BotMetrics metrics) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly Dictionary<ChatKey, ChatLock> chatLocks = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await DueChatsAsync(stoppingToken);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = stoppingToken },
                    async (chat, ct) => await DeliverChatAsync(chat, ignoreSchedule: false, ct));
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox sender failed a round; trying again shortly");
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<List<ChatKey>> DueChatsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var chats = await db.Outbox.Where(m => m.SentAt == null)
            .Select(m => new { m.Channel, m.ChatId }).Distinct().ToListAsync(cancellationToken);
        return chats.Where(c => senders.Has(c.Channel)).Select(c => new ChatKey(c.Channel, c.ChatId)).ToList();
    }

    /// <summary>Sends the chat's waiting replies in order, stopping at the first that fails (or is not yet due).</summary>
    /// <param name="ignoreSchedule">Send now even if a retry is scheduled later (the console, where nobody else will).</param>
    /// <returns>True when nothing is left waiting for the chat.</returns>
    public async Task<bool> DeliverChatAsync(ChatKey chat, bool ignoreSchedule, CancellationToken cancellationToken)
    {
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
            var sender = senders.For(chat.Channel);
            while (true)
            {
                var head = await db.Outbox.Where(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId && m.SentAt == null)
                    .OrderBy(m => m.Sequence).FirstOrDefaultAsync(cancellationToken);
                if (head is null) return true;
                var now = clock.GetUtcNow();
                if (!ignoreSchedule && head.NextAttemptAt > now) return false;
                head.Attempts++;
                try
                {
                    await OutboxAttachments.SendAsync(sender, head, cancellationToken);
                    head.SentAt = clock.GetUtcNow();
                    head.LastError = null;
                    head.NextAttemptAt = null;
                    await db.SaveChangesAsync(CancellationToken.None);
                    metrics.ReplySent(chat.Channel);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    metrics.ReplyFailed(chat.Channel, platformUnreachable: ex is ChannelUnavailableException);
                    head.LastError = Truncate(PrivacyMask.Apply(ex.Message), 500);
                    head.NextAttemptAt = now + (ex is ChannelUnavailableException { RetryAfter: { } wait } ? wait : Backoff(head.Attempts));
                    await db.SaveChangesAsync(CancellationToken.None);
                    if (ex is ChannelUnavailableException)
                        logger.LogWarning("Reply {Sequence} to chat {Channel}:{ChatId} not delivered (attempt {Attempts}): {Reason}; retrying at {NextAttemptAt}",
                            head.Sequence, chat.Channel, chat.ChatId, head.Attempts, head.LastError, head.NextAttemptAt);
                    else
                        logger.LogError(ex, "Reply {Sequence} to chat {Channel}:{ChatId} failed unexpectedly (attempt {Attempts}); retrying at {NextAttemptAt}",
                            head.Sequence, chat.Channel, chat.ChatId, head.Attempts, head.NextAttemptAt);
                    return false;
                }
            }
        }
        finally
        {
            Release(chat, chatLock);
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(o.InitialRetryDelay.Ticks * factor, o.MaxRetryDelay.Ticks));
    }

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
