using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Turns;

/// <summary>
/// Applies one chat's messages one at a time, in the order they were handed over, while different chats
/// run in parallel. A lane exists only while its chat has work; nothing is static.
/// </summary>
public sealed class ChatDispatcher(TurnProcessor turns, ChannelSenders senders, TimeProvider clock, ILogger<ChatDispatcher> logger, PK.Bot.Operations.BotMetrics metrics)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ChatKey, Queue<Pending>> lanes = [];

    public Task<TurnOutcome> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(message, new TaskCompletionSource<TurnOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        bool startLane;
        lock (gate)
        {
            startLane = !lanes.TryGetValue(message.Chat, out var lane);
            if (startLane) lanes[message.Chat] = lane = new Queue<Pending>();
            lane!.Enqueue(pending);
        }
        if (startLane) _ = Task.Run(() => RunLaneAsync(message.Chat), CancellationToken.None);
        return pending.Completion.Task;
    }

    /// <summary>
    /// Runs one chat's turns until its queue is empty. Whatever ends it (the queue drained, a turn cancelled, a fault
    /// nobody expected), the lane removes itself, so the chat's next message starts a fresh one; on cancellation or a
    /// fault the turns still queued behind it are failed too (their callers keep their messages and hand them over again).
    /// </summary>
    private async Task RunLaneAsync(ChatKey chat)
    {
        Pending? next = null;
        try
        {
            while (true)
            {
                lock (gate)
                {
                    var lane = lanes[chat];
                    if (lane.Count == 0)
                    {
                        lanes.Remove(chat);
                        return;
                    }
                    next = lane.Dequeue();
                }
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }
                next.Completion.TrySetResult(await ApplyAsync(next.Message, next.CancellationToken));
            }
        }
        catch (Exception ex)
        {
            List<Pending> orphans;
            lock (gate)
            {
                orphans = lanes.Remove(chat, out var lane) ? [.. lane] : [];
            }
            if (next is not null) orphans.Insert(0, next);
            if (ex is OperationCanceledException cancelled)
            {
                logger.LogInformation("Turn of chat {Channel}:{ChatId} cancelled; {Count} queued turn(s) of that chat cancelled with it", chat.Channel, chat.ChatId, orphans.Count - 1);
                foreach (var orphan in orphans) orphan.Completion.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                logger.LogError(ex, "The lane of chat {Channel}:{ChatId} failed; {Count} queued turn(s) of that chat failed with it", chat.Channel, chat.ChatId, orphans.Count - 1);
                foreach (var orphan in orphans) orphan.Completion.TrySetException(ex);
            }
        }
    }

    private async Task<TurnOutcome> ApplyAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await metrics.TimeTurnAsync(() => turns.ApplyAsync(message, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Turn for chat {Channel}:{ChatId} message {MessageId} failed; nothing was saved", message.Chat.Channel, message.Chat.ChatId, message.MessageId);
            await TellDirectlyAsync(message.Chat, message.RetriedByChannel ? PK.Domain.Texts.StorageFailedWillRetry : PK.Domain.Texts.StorageFailed, cancellationToken);
            return TurnOutcome.Failed;
        }
    }

    // The outbox lives in the database that just failed, so this notice goes straight to the channel.
    private async Task TellDirectlyAsync(ChatKey chat, string text, CancellationToken cancellationToken)
    {
        try
        {
            var notice = new OutboxMessage
            {
                Channel = chat.Channel,
                ChatId = chat.ChatId,
                PayloadJson = ReplyJson.Serialize(Reply.Plain(text)),
                CreatedAt = clock.GetUtcNow(),
            };
            await senders.For(chat.Channel).SendAsync(notice, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not tell chat {Channel}:{ChatId} that its message was not saved", chat.Channel, chat.ChatId);
        }
    }

    private sealed record Pending(IncomingMessage Message, TaskCompletionSource<TurnOutcome> Completion, CancellationToken CancellationToken);
}
