namespace PK.Bot.Operations;

/// <summary>Thresholds of <c>/healthz</c> (<c>Health</c> section; the backlog's is <c>Forwarding:StaleAfter</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A channel failing without a success for longer than this is unhealthy.</summary>
    public TimeSpan ChannelFailingAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Per channel (<c>Health:ChannelFailingAfterByChannel:whatsapp</c>), overriding <see cref="ChannelFailingAfter"/>.</summary>
    public Dictionary<string, TimeSpan> ChannelFailingAfterByChannel { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The oldest unsent reply may wait this long (a platform outage, a chat blocked by its owner).</summary>
    public TimeSpan OutboxStaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Free space under the database folder below this is unhealthy.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 500;

    /// <summary><c>Forwarding:StaleAfter</c>: the oldest waiting family may wait this long for the core.</summary>
    public TimeSpan BacklogStaleAfter { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan FailingAfter(string channel) =>
        ChannelFailingAfterByChannel.TryGetValue(channel, out var after) ? after : ChannelFailingAfter;
}
