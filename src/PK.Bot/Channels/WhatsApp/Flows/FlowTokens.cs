using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>What a flow token says: which interview, which screen kind, which member.</summary>
public sealed record FlowTokenContent(string ShortId, string Kind, int? Member);

/// <summary>
/// The <c>flow_token</c> of a Flow message: the interview's short id, the screen kind and the member, signed with the app
/// secret. A token the bot did not issue (forged or altered) does not verify; one for a screen the interview has left is stale.
/// </summary>
public sealed class FlowTokens(string secret)
{
    public string Issue(Guid recordId, string kind, int? member)
    {
        var body = $"{ShortId(recordId)}.{kind}.{member?.ToString(CultureInfo.InvariantCulture) ?? "0"}";
        return $"{body}.{Mac(body)}";
    }

    public FlowTokenContent? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var cut = token.LastIndexOf('.');
        if (cut <= 0) return null;
        var body = token[..cut];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(body)), Encoding.ASCII.GetBytes(token[(cut + 1)..]))) return null;
        var parts = body.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var member)) return null;
        return new FlowTokenContent(parts[0], parts[1], member == 0 ? null : member);
    }

    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    private string Mac(string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("flow-token|" + secret), Encoding.UTF8.GetBytes(body)))[..20];
}
