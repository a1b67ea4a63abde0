using PK.Bot.Persistence;

namespace PK.Bot.Channels;

/// <summary>
/// Saves bookkeeping whose loss costs only a repeat — a reply recorded as sent (it is sent once more), a WhatsApp
/// part's wamid (the part is sent once more, its statuses are let go) — without a sync of its own: synchronous=NORMAL
/// on this connection for this save. The next synced commit (every turn's) carries it to disk; a process crash loses
/// nothing, only a power cut can. Saves one fsync under the write lock per reply.
/// </summary>
public static class UnsyncedSave
{
    public static async Task SaveChangesAsync(BotDbContext db)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;", CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            // Every connection is opened with synchronous=FULL (SqlitePragmas); this one is given back so too.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
