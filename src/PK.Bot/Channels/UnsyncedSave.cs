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
        var connection = db.Database.GetDbConnection();
        // The connection's own mode (Database:Synchronous, set by SqlitePragmas) is put back afterwards.
        var mode = await PragmaAsync(connection, "PRAGMA synchronous;");
        try
        {
            await PragmaAsync(connection, "PRAGMA synchronous = NORMAL;");
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            await PragmaAsync(connection, $"PRAGMA synchronous = {Convert.ToInt64(mode)};");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
