namespace PK.Bot.Channels;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Wait before the first retry of a reply the platform did not take; doubles per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between retries; a reply is never dropped.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sender looks for due retries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chats served at once.</summary>
    public int Parallelism { get; set; } = 8;
}
