namespace PK.Bot.Channels.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>The <c>Telegram:</c> section. The channel is on when <see cref="BotToken"/> is set; only then is the rest validated.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    /// <summary>Root URL of a self-hosted Bot API server; unset = Telegram's.</summary>
    public string? ApiBaseUrl { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public URL Telegram calls in webhook mode (ending in /telegram/webhook).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Echoed by Telegram in X-Telegram-Bot-Api-Secret-Token; 1–256 of A–Z, a–z, 0–9, _ and -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Messages a second to all chats together (Telegram allows a bot about 30).</summary>
    public double MaxMessagesPerSecond { get; set; } = 30;

    /// <summary>Messages a second to one chat, sustained (Telegram allows about 1, with short bursts).</summary>
    public double MaxMessagesPerSecondPerChat { get; set; } = 1;

    /// <summary>How long one getUpdates call waits for news (long polling).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The problems with this section, each naming its key; empty when it is fine or not configured.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsConfigured) yield break;
        var colon = BotToken!.IndexOf(':');
        if (colon < 1 || !BotToken[..colon].All(char.IsAsciiDigit) || colon == BotToken.Length - 1)
            yield return "Telegram:BotToken is not a bot token (expected 123456789:ABC… from @BotFather).";
        if (!string.IsNullOrWhiteSpace(ApiBaseUrl) && !IsHttpUrl(ApiBaseUrl))
            yield return "Telegram:ApiBaseUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8081.";
        if (Mode == TelegramMode.Webhook)
        {
            if (string.IsNullOrWhiteSpace(WebhookUrl) || !IsHttpUrl(WebhookUrl))
                yield return "Telegram:WebhookUrl must be the absolute https URL Telegram should call (Telegram:Mode is Webhook).";
            if (string.IsNullOrEmpty(WebhookSecret) || WebhookSecret.Length > 256 || !WebhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                yield return "Telegram:WebhookSecret must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram:Mode is Webhook).";
        }
        if (MaxMessagesPerSecond <= 0) yield return "Telegram:MaxMessagesPerSecond must be positive.";
        if (MaxMessagesPerSecondPerChat <= 0) yield return "Telegram:MaxMessagesPerSecondPerChat must be positive.";
        if (PollTimeout < TimeSpan.Zero || PollTimeout > TimeSpan.FromSeconds(50)) yield return "Telegram:PollTimeout must be between 0 and 50 seconds.";
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
