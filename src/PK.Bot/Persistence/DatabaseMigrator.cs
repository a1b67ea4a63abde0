using Microsoft.Data.Sqlite;
using PK.Bot.Security;

namespace PK.Bot.Persistence;

/// <summary>Brings the database to the current schema: at start-up (registered first) and by the `migrate` verb.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, BotDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>
    /// Migrates, then checks the data key opens the data (stopping with a <see cref="DataKeyException"/> otherwise) and
    /// brings rows written by older versions to the current protection. <paramref name="rotating"/>: only the
    /// rotate-key verb may open a database whose key rotation is unfinished.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken, bool rotating = false)
    {
        // The file is made 0600 before SQLite opens it; SQLite gives its -wal and -shm the same mode.
        PrivateFiles.PrepareDatabase(database.FilePath);
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
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Applied {Count} migration(s) to the bot database: {Migrations}", pending.Count, pending);
            }
            await scope.ServiceProvider.GetRequiredService<DataKeyGuard>().VerifyAsync(db, rotating, cancellationToken);
            if (!rotating && await ProtectionUpgrade.RunAsync(db.Database.GetDbConnection(), db.Protector, cancellationToken) is > 0 and var upgraded)
                logger.LogInformation("Protected {Count} phone number(s) and address key(s) written by an older version", upgraded);
            PrivateFiles.RestrictDatabase(database.FilePath);
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
