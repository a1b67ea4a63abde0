namespace PK.Bot.Tests.Support;

/// <summary>The real clock and real timers, but the calendar set to another day (the domain's scripts are dated).</summary>
public sealed class ShiftedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan shift = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
