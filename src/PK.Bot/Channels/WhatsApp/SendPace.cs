using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>The bot number's throughput and each person's pace, and how long to hold back after WhatsApp said "too fast".</summary>
public sealed class SendPace(IOptions<WhatsAppOptions> options, TimeProvider clock, PK.Bot.Operations.BotMetrics? metrics = null)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);

    private readonly TokenBucket number = new(options.Value.MessagesPerSecond, options.Value.MessagesPerSecond, clock);
    private readonly ConcurrentDictionary<string, TokenBucket> people = new();
    private readonly Lock gate = new();
    private int numberThrottles;

    public async ValueTask WaitTurnAsync(string waId, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await Person(waId).WaitAsync(cancellationToken);
        await number.WaitAsync(cancellationToken);
        metrics?.RateLimitWaited(WhatsAppChannel.Name, clock.GetElapsedTime(started));
    }

    public void Succeeded()
    {
        lock (gate) numberThrottles = 0;
    }

    /// <summary>When a message to <paramref name="waId"/> could go without waiting: its own pace and the number's pause both allow it.</summary>
    public DateTimeOffset ReadyAt(string waId)
    {
        var person = people.TryGetValue(waId, out var bucket) ? bucket.ReadyIn() : TimeSpan.Zero;
        var wait = number.ReadyIn();
        return clock.GetUtcNow() + (person > wait ? person : wait);
    }

    /// <summary>The number is throttled (429, 130429): everyone waits, longer each time until a send succeeds.</summary>
    public TimeSpan NumberThrottled(TimeSpan? retryAfter)
    {
        TimeSpan pause;
        lock (gate)
        {
            var backoff = Backoff.Delay(FirstBackoff, LongestBackoff, ++numberThrottles);
            pause = retryAfter is { } after && after > backoff ? after : backoff;
        }
        number.Pause(pause);
        return pause;
    }

    /// <summary>Too many messages to one person (131056): that person's messages wait a pair-rate interval.</summary>
    public TimeSpan PersonThrottled(string waId)
    {
        var pause = TimeSpan.FromMinutes(1 / options.Value.PerPersonMessagesPerMinute);
        Person(waId).Pause(pause);
        return pause;
    }

    private TokenBucket Person(string waId)
    {
        // Forget people whose bucket has refilled, so the table stays the size of the currently busy.
        if (people.Count > 4096)
            foreach (var (key, bucket) in people)
                if (bucket.Idle) people.TryRemove(key, out _);
        return people.GetOrAdd(waId, _ => new TokenBucket(options.Value.PerPersonMessagesPerMinute / 60, options.Value.PerPersonBurst, clock));
    }
}
