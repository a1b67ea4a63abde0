using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PK.Bot.Forwarding;

namespace PK.Bot.Operations;

/// <summary>
/// What the bot does, counted: the one <see cref="Meter"/> ("PK.Bot") and its instruments, and each channel's last
/// contact for the health check. Other code calls one method here per event; exporting (Prometheus at
/// <c>/metrics</c>) is switched on by <c>Metrics:Enabled</c>. Tags carry channel names only, never a chat or a person.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "PK.Bot";

    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, ChannelContact> channels = new(StringComparer.Ordinal);
    private readonly Counter<long> turns;
    private readonly Histogram<double> turnLatency;
    private readonly Counter<long> repliesSent;
    private readonly Counter<long> repliesFailed;
    private readonly Counter<long> rateLimitWaits;
    private readonly Histogram<double> rateLimitWaitSeconds;
    private volatile ForwardingSnapshot? backlog;

    public BotMetrics(IMeterFactory meters, TimeProvider clock)
    {
        this.clock = clock;
        var meter = meters.Create(MeterName);
        turns = meter.CreateCounter<long>("pkbot.turns", "{turn}", "Turns applied (one incoming message, one transaction).");
        turnLatency = meter.CreateHistogram<double>("pkbot.turn.duration", "s", "Time from a message handed over to its turn committed.");
        repliesSent = meter.CreateCounter<long>("pkbot.replies.sent", "{reply}", "Replies the platform took, per channel.");
        repliesFailed = meter.CreateCounter<long>("pkbot.replies.failed", "{reply}", "Reply attempts that failed (retried later), per channel.");
        rateLimitWaits = meter.CreateCounter<long>("pkbot.ratelimit.waits", "{wait}", "Sends held back by a platform rate limit, per channel.");
        rateLimitWaitSeconds = meter.CreateHistogram<double>("pkbot.ratelimit.wait.duration", "s", "How long a send was held back by a rate limit.");
        meter.CreateObservableGauge("pkbot.backlog.size", () => backlog?.Waiting ?? 0, "{record}", "Submitted families waiting for the core (as of the last health check or scrape).");
        meter.CreateObservableGauge("pkbot.backlog.age", () => backlog?.OldestWaitingAge?.TotalSeconds ?? 0, "s", "Age of the oldest family waiting for the core.");
    }

    /// <summary>Runs one turn, counting it by outcome and timing it.</summary>
    public async Task<PK.Bot.Turns.TurnOutcome> TimeTurnAsync(Func<Task<PK.Bot.Turns.TurnOutcome>> turn)
    {
        var started = clock.GetTimestamp();
        var outcome = PK.Bot.Turns.TurnOutcome.Failed;
        try
        {
            outcome = await turn();
            return outcome;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant());
            turns.Add(1, tag);
            turnLatency.Record(clock.GetElapsedTime(started).TotalSeconds, tag);
        }
    }

    public void ReplySent(string channel)
    {
        repliesSent.Add(1, new KeyValuePair<string, object?>("channel", channel));
        ChannelReached(channel);
    }

    /// <param name="platformUnreachable">The platform could not be reached or refused for now: the channel counts as failing
    /// (one chat's own problem, such as a bot the person blocked, does not make the channel unhealthy).</param>
    public void ReplyFailed(string channel, bool platformUnreachable)
    {
        repliesFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));
        if (platformUnreachable) ChannelFailed(channel);
    }

    public void RateLimitWaited(string channel, TimeSpan wait)
    {
        // Below a millisecond nothing was held back: the pace only measured itself.
        if (wait < TimeSpan.FromMilliseconds(1)) return;
        rateLimitWaits.Add(1, new KeyValuePair<string, object?>("channel", channel));
        rateLimitWaitSeconds.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
    }

    /// <summary>The platform answered (a reply taken, a poll returned).</summary>
    public void ChannelReached(string channel) =>
        channels[channel] = new ChannelContact(clock.GetUtcNow(), null);

    /// <summary>The platform could not be reached or refused; the failure time is the first of an unbroken run.</summary>
    public void ChannelFailed(string channel) =>
        channels.AddOrUpdate(channel,
            _ => new ChannelContact(null, clock.GetUtcNow()),
            (_, c) => c with { FailingSince = c.FailingSince ?? clock.GetUtcNow() });

    /// <summary>The backlog as last read, for the gauges (the health check and the metrics endpoint refresh it).</summary>
    public void BacklogObserved(ForwardingSnapshot snapshot) => backlog = snapshot;

    public IReadOnlyDictionary<string, ChannelContact> Channels => channels;
}

/// <summary>A channel's last successful contact and, while it fails, since when.</summary>
public sealed record ChannelContact(DateTimeOffset? LastSuccessAt, DateTimeOffset? FailingSince);
