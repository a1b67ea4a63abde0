using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace PK.Bot.Turns;

/// <summary>Settings for chats of people not on the roster (bound from the <c>Security</c> section).</summary>
public sealed class StrangerOptions
{
    public const string Section = "Security";

    /// <summary>A number not on the roster is answered at most once per this; its other messages leave no rows and get no reply.</summary>
    public TimeSpan StrangerReplyEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Decides whether a stranger (a chat not linked to any active roster person) gets a refusal: once per
/// <see cref="StrangerOptions.StrangerReplyEvery"/> per chat. Kept in memory: a restart may answer once more.
/// Every stranger message is counted (<see cref="Messages"/>, and the <c>pk_bot.stranger_messages</c> counter of the
/// <c>PK.Bot.Inbox</c> meter), so a flood shows as a number instead of as rows and replies.
/// </summary>
public sealed class StrangerGate : IDisposable
{
    public const string MeterName = "PK.Bot.Inbox";
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<ChatKey, DateTimeOffset> answered = new();
    private readonly IOptions<StrangerOptions> options;
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> counter;
    private long messages;
    private long ignored;

    public StrangerGate(IOptions<StrangerOptions> options)
    {
        this.options = options;
        counter = meter.CreateCounter<long>("pk_bot.stranger_messages", description: "Messages from chats not on the roster (answered or not).");
    }

    /// <summary>Messages from strangers since start (answered or not).</summary>
    public long Messages => Interlocked.Read(ref messages);

    /// <summary>Of those, the ones that got no reply and left no rows.</summary>
    public long Ignored => Interlocked.Read(ref ignored);

    /// <summary>Whether this chat was refused within the last <see cref="StrangerOptions.StrangerReplyEvery"/>.</summary>
    public bool RecentlyAnswered(ChatKey chat, DateTimeOffset now) =>
        answered.TryGetValue(chat, out var at) && now - at < options.Value.StrangerReplyEvery;

    /// <summary>Counts a stranger's message; true when it should be answered (and then remembered as answered).</summary>
    public bool ShouldAnswer(ChatKey chat, DateTimeOffset now)
    {
        Count(1);
        if (RecentlyAnswered(chat, now))
        {
            Interlocked.Increment(ref ignored);
            return false;
        }
        return true;
    }

    /// <summary>The refusal for this chat is committed.</summary>
    public void Answered(ChatKey chat, DateTimeOffset now)
    {
        if (answered.Count > PruneAbove)
            foreach (var (key, at) in answered)
                if (now - at >= options.Value.StrangerReplyEvery) answered.TryRemove(key, out _);
        answered[chat] = now;
    }

    /// <summary>Stranger messages dropped before they were stored (a channel that checks at its door).</summary>
    public void Dropped(int count)
    {
        Count(count);
        Interlocked.Add(ref ignored, count);
    }

    private void Count(int count)
    {
        Interlocked.Add(ref messages, count);
        counter.Add(count);
    }

    public void Dispose() => meter.Dispose();
}
