using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Token buckets on the injected clock: one for the bot as a whole, one per chat (a short burst, then the sustained rate).
/// A 429 from Telegram pauses every send until its retry_after has passed.
/// </summary>
public sealed class TelegramRateLimiter(IOptions<TelegramOptions> options, TimeProvider clock, PK.Bot.Operations.BotMetrics? metrics = null)
{
    /// <summary>Replies one turn may send to a chat at once before the per-chat rate applies (e.g. summary + question).</summary>
    public const int PerChatBurst = 3;

    private const int MaxIdleChats = 1_000;

    private readonly Lock gate = new();
    private readonly Dictionary<long, Bucket> chats = [];
    private Bucket? global;
    private DateTimeOffset pausedUntil;

    private double GlobalRate => options.Value.MaxMessagesPerSecond;
    private double ChatRate => options.Value.MaxMessagesPerSecondPerChat;

    /// <summary>Waits until one more message may go to <paramref name="chatId"/> (or, when null, until any call may go).</summary>
    public async Task WaitAsync(long? chatId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(chatId);
            if (wait <= TimeSpan.Zero) return;
            metrics?.RateLimitWaited(TelegramChannel.Name, wait);
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="messages"/> messages (at most the burst) may go to the chat one after another.</summary>
    public async Task WaitForRoomAsync(long chatId, int messages, CancellationToken cancellationToken)
    {
        while (ReadyAt(chatId, messages) - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
            await Task.Delay(wait, clock, cancellationToken);
    }

    /// <summary>Telegram said "retry after": nothing goes out before then.</summary>
    public void PauseFor(TimeSpan wait)
    {
        lock (gate)
        {
            var until = clock.GetUtcNow() + wait;
            if (until > pausedUntil) pausedUntil = until;
        }
    }

    /// <summary>When <paramref name="chatId"/> may take its next message (now when its bucket holds one), without taking it.</summary>
    public DateTimeOffset ReadyAt(long chatId, int messages = 1)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var ready = pausedUntil > now ? pausedUntil : now;
            if (!chats.TryGetValue(chatId, out var chat)) return ready;
            chat.Refill(now, ChatRate, PerChatBurst);
            var needed = Math.Min(messages, PerChatBurst);
            return chat.Tokens >= needed ? ready : Later(ready, now + TimeSpan.FromSeconds((needed - chat.Tokens) / ChatRate));
        }
    }

    /// <summary>Takes a token for a message that may as well not be sent (a cosmetic edit): only when the chat keeps one for its next reply.</summary>
    public bool TryTakeSpare(long chatId)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (pausedUntil > now) return false;
            if (chats.TryGetValue(chatId, out var chat))
            {
                chat.Refill(now, ChatRate, PerChatBurst);
                if (chat.Tokens < 2) return false;
            }
        }
        return TryTake(chatId) == TimeSpan.Zero;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Takes a token from both buckets and returns zero, or returns how long to wait before trying again.</summary>
    internal TimeSpan TryTake(long? chatId)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (pausedUntil > now) return pausedUntil - now;
            global ??= new Bucket(Math.Max(1, GlobalRate), now);
            global.Refill(now, GlobalRate, Math.Max(1, GlobalRate));
            Bucket? chat = null;
            if (chatId is { } id)
            {
                if (!chats.TryGetValue(id, out chat))
                {
                    if (chats.Count >= MaxIdleChats) ForgetFullBuckets(now);
                    chats[id] = chat = new Bucket(PerChatBurst, now);
                }
                chat.Refill(now, ChatRate, PerChatBurst);
            }
            if (global.Tokens >= 1 && (chat is null || chat.Tokens >= 1))
            {
                global.Tokens--;
                if (chat is not null) chat.Tokens--;
                return TimeSpan.Zero;
            }
            var seconds = Math.Max(global.Tokens >= 1 ? 0 : (1 - global.Tokens) / GlobalRate,
                chat is null || chat.Tokens >= 1 ? 0 : (1 - chat.Tokens) / ChatRate);
            return TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks(1);
        }
    }

    // A full bucket holds nothing worth keeping: a new one would start full too.
    private void ForgetFullBuckets(DateTimeOffset now)
    {
        foreach (var (id, bucket) in chats.ToList())
        {
            bucket.Refill(now, ChatRate, PerChatBurst);
            if (bucket.Tokens >= PerChatBurst) chats.Remove(id);
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        private DateTimeOffset at = at;

        public void Refill(DateTimeOffset now, double rate, double capacity)
        {
            if (now <= at) return;
            Tokens = Math.Min(capacity, Tokens + (now - at).TotalSeconds * rate);
            at = now;
        }
    }
}
