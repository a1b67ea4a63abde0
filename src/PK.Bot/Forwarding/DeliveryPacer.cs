namespace PK.Bot.Forwarding;

/// <summary>
/// Backoff with jitter and a circuit breaker for the forwarder. Closed: full batches, short waits after a failure.
/// After <see cref="ForwardingOptions.BreakerThreshold"/> failures in a row it opens: the core is given the (growing,
/// capped) backoff, then probed with a single record; the first success closes it and full batches flow at once.
/// </summary>
public sealed class DeliveryPacer(ForwardingOptions options, Random random)
{
    public int ConsecutiveFailures { get; private set; }

    public bool IsOpen => ConsecutiveFailures >= options.BreakerThreshold;

    /// <summary>How many records the next attempt may carry: one while the circuit is open (a probe).</summary>
    public int NextBatchSize => IsOpen ? 1 : options.BatchSize;

    public void Succeeded() => ConsecutiveFailures = 0;

    /// <summary>Counts a failed attempt and says how long to wait before the next.</summary>
    public TimeSpan Failed(bool configurationError)
    {
        ConsecutiveFailures++;
        var ceiling = Math.Min(options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 30)), options.MaxRetryDelay.Ticks);
        // "Equal jitter": at least half the backoff, so bots that failed together do not return together.
        var delay = TimeSpan.FromTicks((long)(ceiling / 2 + random.NextDouble() * ceiling / 2));
        return configurationError && delay < options.ConfigurationRetryDelay ? options.ConfigurationRetryDelay : delay;
    }
}
