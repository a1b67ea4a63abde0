namespace PK.Bot.Channels.Inbox;

/// <summary>How the inbox pipeline retries an item that fails before setting it aside (<c>inbox list --failed</c>).</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>Tries before an item is set aside and its chat moves on.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failure; doubled after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Stored items read per round.</summary>
    public int BatchSize { get; set; } = 500;
}
