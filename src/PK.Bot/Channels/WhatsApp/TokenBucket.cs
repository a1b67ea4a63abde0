namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/>: up to <c>burst</c> sends at once, then <c>perSecond</c>. A caller
/// reserves a token (the balance may go negative) and waits until its turn, so waiters are served in order.
/// </summary>
public sealed class TokenBucket(double perSecond, int burst, TimeProvider clock)
{
    private readonly Lock gate = new();
    private double tokens = burst;
    private DateTimeOffset refilledAt = clock.GetUtcNow();

    /// <summary>Takes a token; returns how long to wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            Refill();
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
        }
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
    }

    /// <summary>How long until a token is free without waiting behind anyone (zero when one is free now).</summary>
    public TimeSpan ReadyIn()
    {
        lock (gate)
        {
            Refill();
            return tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - tokens) / perSecond);
        }
    }

    /// <summary>Holds every send back for at least <paramref name="pause"/> (the platform said: too fast).</summary>
    public void Pause(TimeSpan pause)
    {
        lock (gate)
        {
            Refill();
            tokens = Math.Min(tokens, -pause.TotalSeconds * perSecond);
        }
    }

    /// <summary>True when the bucket is full again: nobody waits and nothing is owed.</summary>
    public bool Idle
    {
        get
        {
            lock (gate)
            {
                Refill();
                return tokens >= burst;
            }
        }
    }

    private void Refill()
    {
        var now = clock.GetUtcNow();
        var elapsed = (now - refilledAt).TotalSeconds;
        if (elapsed <= 0) return;
        tokens = Math.Min(burst, tokens + elapsed * perSecond);
        refilledAt = now;
    }
}
