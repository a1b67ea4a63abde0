using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>The <c>WhatsApp:</c> section. Setting <see cref="AccessToken"/> turns the channel on; from then on the whole section is validated at start.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";
    public const string MetaGraphApi = "https://graph.facebook.com";

    public string? AccessToken { get; set; }
    public string? PhoneNumberId { get; set; }
    public string? AppSecret { get; set; }
    public string? VerifyToken { get; set; }
    /// <summary>Root of the Graph API; unset = Meta's.</summary>
    public string? ApiBaseUrl { get; set; }
    public string ApiVersion { get; set; } = "v21.0";
    public WhatsAppTemplateOptions Templates { get; set; } = new();

    /// <summary>Messages per second for the whole number (Meta's default cap is 80; raised numbers get 1,000).</summary>
    public int MessagesPerSecond { get; set; } = 80;
    /// <summary>Sustained messages per minute to one person (Meta's pair rate is about one per 6 seconds)…</summary>
    public double PerPersonMessagesPerMinute { get; set; } = 10;
    /// <summary>…after a burst of this many.</summary>
    public int PerPersonBurst { get; set; } = 45;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Wait after a webhook delivery before applying, so messages of one burst that came in separate posts are sorted together.</summary>
    public TimeSpan InboxSettle { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>How often a reply waiting for a closed 24-hour window is looked at again (a message from the person wakes it at once).</summary>
    public TimeSpan WindowRecheck { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Sends of one part WhatsApp reports as failed before it is left to the operator (logged as an error) instead of re-sent.</summary>
    public int MaxResends { get; set; } = 3;

    public bool Configured => !string.IsNullOrWhiteSpace(AccessToken);

    public Uri ApiBase => new(string.IsNullOrWhiteSpace(ApiBaseUrl) ? MetaGraphApi : ApiBaseUrl.TrimEnd('/') + "/");
}

public sealed class WhatsAppTemplateOptions
{
    /// <summary>Approved template announcing the daily report, for a koordinator outside the 24-hour window.</summary>
    public string? DailyReport { get; set; }
    /// <summary>Approved template reminding a kader, outside the 24-hour window.</summary>
    public string? Reminder { get; set; }
    public string Language { get; set; } = "id";
}

/// <summary>Names the key at fault, only when the channel is switched on.</summary>
internal sealed partial class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>
{
    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex Version();

    [GeneratedRegex(@"^[a-z0-9_]{1,512}$")]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex Language();

    public ValidateOptionsResult Validate(string? name, WhatsAppOptions o)
    {
        if (!o.Configured) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        void Require(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value)) failures.Add($"WhatsApp:{key} must be set when WhatsApp:AccessToken is.");
        }
        Require(o.PhoneNumberId, nameof(o.PhoneNumberId));
        Require(o.AppSecret, nameof(o.AppSecret));
        Require(o.VerifyToken, nameof(o.VerifyToken));
        if (o.PhoneNumberId is { Length: > 0 } id && !id.All(char.IsAsciiDigit))
            failures.Add("WhatsApp:PhoneNumberId must be the numeric id Meta shows for the number (not the phone number itself).");
        if (!string.IsNullOrWhiteSpace(o.ApiBaseUrl) && !(Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            failures.Add("WhatsApp:ApiBaseUrl must be an absolute http(s) URL.");
        if (!Version().IsMatch(o.ApiVersion ?? ""))
            failures.Add("WhatsApp:ApiVersion must look like v21.0.");
        if (!TemplateName().IsMatch(o.Templates.DailyReport ?? ""))
            failures.Add("WhatsApp:Templates:DailyReport must name an approved template (lowercase letters, digits, _).");
        if (!TemplateName().IsMatch(o.Templates.Reminder ?? ""))
            failures.Add("WhatsApp:Templates:Reminder must name an approved template (lowercase letters, digits, _).");
        if (!Language().IsMatch(o.Templates.Language ?? ""))
            failures.Add("WhatsApp:Templates:Language must be a WhatsApp language code such as id or en_US.");
        if (o.MessagesPerSecond is < 1 or > 1000)
            failures.Add("WhatsApp:MessagesPerSecond must be between 1 and 1000.");
        if (o.PerPersonMessagesPerMinute is <= 0 or > 6000)
            failures.Add("WhatsApp:PerPersonMessagesPerMinute must be positive.");
        if (o.PerPersonBurst < 1)
            failures.Add("WhatsApp:PerPersonBurst must be at least 1.");
        if (o.RequestTimeout <= TimeSpan.Zero)
            failures.Add("WhatsApp:RequestTimeout must be positive.");
        if (o.InboxSettle < TimeSpan.Zero)
            failures.Add("WhatsApp:InboxSettle must not be negative.");
        if (o.WindowRecheck <= TimeSpan.Zero)
            failures.Add("WhatsApp:WindowRecheck must be positive.");
        if (o.MaxResends < 0)
            failures.Add("WhatsApp:MaxResends must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
