using Microsoft.Data.Sqlite;

namespace PK.Bot.Persistence;

/// <summary>Brings the database to the current schema: at start-up (registered first) and by the `migrate` verb.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, BotDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(database.Directory);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // WAL lets readers (reports, backups) run beside the writer; it is a property of the file, so set once here.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL;";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0) return;
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied {Count} migration(s) to the bot database: {Migrations}", pending.Count, pending);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);
    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Clears pooled connections, so the files can be moved or deleted (tests, backups).</summary>
    public static void ReleaseConnections() => SqliteConnection.ClearAllPools();
}
