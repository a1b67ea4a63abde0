namespace PK.Bot.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Base64 of 32 random bytes; encrypts NIK- and name-bearing columns. Unset: a key file beside the database.</summary>
    public string? DataKey { get; set; }

    internal static bool IsValidKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return true;
        var buffer = new byte[48];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written == 32;
    }
}
