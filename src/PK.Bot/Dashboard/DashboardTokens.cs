using System.Security.Cryptography;
using System.Text;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Dashboard;

/// <summary>What opening a sign-in link came to.</summary>
public enum LinkOutcome { SignedIn, Unknown, Used, Expired, NotAllowed }

/// <summary>
/// One-time sign-in links and the sessions they open. Tokens are 32 random bytes (base64url); only their SHA-256 is
/// stored, so the table alone opens nothing. A link is bound to the person it was sent to and works once.
/// </summary>
public static class DashboardTokens
{
    public const string CookieName = "pk_dasbor";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Adds a link for <paramref name="person"/> to <paramref name="db"/> (saved by the caller's turn) and returns its token.</summary>
    public static string IssueLink(BotDbContext db, Guid person, DateTimeOffset now, TimeSpan validFor)
    {
        var token = NewToken();
        db.DashboardLinks.Add(new DashboardLink { TokenHash = Hash(token), PersonId = person, CreatedAt = now, ExpiresAt = now + validFor });
        return token;
    }

    /// <summary>Uses a link once: a session token for its person, or why not. Marks the link used in the same statement that checks it.</summary>
    public static async Task<(LinkOutcome Outcome, string? SessionToken, DateTimeOffset ExpiresAt)> RedeemAsync(
        BotDbContext db, string? token, DateTimeOffset now, TimeSpan sessionFor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return (LinkOutcome.Unknown, null, default);
        var hash = Hash(token);
        // Single use even when two browsers race: only the update that flips UsedAt from null wins.
        var claimed = await db.DashboardLinks
            .Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        var link = await db.DashboardLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null) return (LinkOutcome.Unknown, null, default);
        if (claimed == 0) return (link.UsedAt is null ? LinkOutcome.Expired : LinkOutcome.Used, null, default);

        var person = await db.People.AsNoTracking().Where(p => p.Id == link.PersonId).Select(p => new { p.Active, p.Role }).SingleOrDefaultAsync(cancellationToken);
        if (person is null || !person.Active || person.Role == Role.Kader) return (LinkOutcome.NotAllowed, null, default);
        var session = NewToken();
        var expires = now + sessionFor;
        db.DashboardSessions.Add(new DashboardSession { TokenHash = Hash(session), PersonId = link.PersonId, CreatedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return (LinkOutcome.SignedIn, session, expires);
    }

    /// <summary>The person a session cookie belongs to, while the session lasts and they are an active koordinator or admin.</summary>
    public static async Task<Person?> PersonOfAsync(BotDbContext db, string? sessionToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionToken) || sessionToken.Length > 100) return null;
        var hash = Hash(sessionToken);
        var session = await db.DashboardSessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (session is null || session.ExpiresAt <= now) return null;
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == session.PersonId, cancellationToken);
        return person is { Active: true } && person.Role != Role.Kader ? person : null;
    }

    public static Task<int> SignOutAsync(BotDbContext db, string? sessionToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionToken)) return Task.FromResult(0);
        var hash = Hash(sessionToken);
        return db.DashboardSessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Drops links and sessions that ended more than a day ago.</summary>
    public static async Task PruneAsync(BotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - TimeSpan.FromDays(1);
        await db.DashboardLinks.Where(l => l.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        await db.DashboardSessions.Where(s => s.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
