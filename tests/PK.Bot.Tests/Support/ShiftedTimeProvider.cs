namespace PK.Bot.Tests.Support;

/// <summary>The real clock and timers, with the date moved: for scripts written for a given day (ages depend on it).</summary>
public sealed class ShiftedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan shift = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
