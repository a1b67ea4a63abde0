using PK.Bot.Turns;
using PK.Bot.Persistence;

namespace PK.Bot.Reporting;

/// <summary>Where scheduled messages go; they are queued through <see cref="Channels.OutboxWriter"/> like any reply.</summary>
internal static class ReportOutbox
{
    /// <summary>The chat a person was last linked on: where their scheduled messages go. None when they never linked one.</summary>
    public static async Task<ChatKey?> ChatOfAsync(BotDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var link = await db.ChatLinks.AsNoTracking().Where(l => l.PersonId == personId)
            .OrderByDescending(l => l.LinkedAt).FirstOrDefaultAsync(cancellationToken);
        return link is null ? null : new ChatKey(link.Channel, link.ChatId);
    }
}
