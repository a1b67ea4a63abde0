namespace PK.Bot.Dashboard;

/// <summary><c>Dashboard:</c> the web pages koordinator and admin open from a one-time link sent by <c>/dasbor</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Switches the pages off even when <see cref="PublicUrl"/> is set.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address people open, e.g. <c>https://bot.example.go.id</c> (the reverse proxy's); no URL, no dashboard.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a signed-in browser stays signed in.</summary>
    public double SessionHours { get; set; } = 8;

    /// <summary>How long a sign-in link may be opened (once).</summary>
    public double LinkMinutes { get; set; } = 15;

    /// <summary>On only when enabled and an address is set.</summary>
    public bool IsOn => Enabled && !string.IsNullOrWhiteSpace(PublicUrl);

    /// <summary>Cookies carry Secure when the public address is HTTPS (behind a proxy the bot itself may see plain HTTP).</summary>
    public bool PublicIsHttps => PublicUrl is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public string LinkFor(string token) => PublicUrl!.TrimEnd('/') + DashboardRoutes.SignIn + "?t=" + token;
}
