namespace PK.Bot.Channels;

/// <summary>The one retry policy of the outbound path: the wait doubles per failed attempt, from the first wait up to the longest.</summary>
public static class Backoff
{
    /// <param name="attempt">1 for the first failure.</param>
    public static TimeSpan Delay(TimeSpan first, TimeSpan longest, int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, longest.Ticks));
    }
}
