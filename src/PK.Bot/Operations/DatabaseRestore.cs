using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PK.Bot.Persistence;
using PK.Bot.Security;

namespace PK.Bot.Operations;

/// <summary>
/// Puts a copy back in place of the bot database: only a copy that passes <see cref="VerifyAsync"/> (SQLite's
/// integrity check, a schema this bot knows, readable with this bot's data key), and the replaced database is kept
/// beside it as <c>&lt;database&gt;.replaced-&lt;time&gt;</c>. The caller holds the <see cref="InstanceLock"/>.
/// </summary>
public sealed class DatabaseRestore(IServiceScopeFactory scopes, BotDatabase database, DataProtector protector, TimeProvider clock)
{
    /// <summary>Every reason the copy must not be restored; empty when it may.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(string copyPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(copyPath)) return [$"{copyPath} does not exist."];
        if (Path.GetFullPath(copyPath) == database.FilePath) return ["That is the live database itself."];
        var problems = new List<string>();
        try
        {
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await copy.OpenAsync(cancellationToken);
            var integrity = await ColumnAsync(copy, "PRAGMA integrity_check", cancellationToken);
            if (integrity is not ["ok"])
                return [$"SQLite's integrity check failed: {string.Join("; ", integrity.Take(5))}"];
            problems.AddRange(await VerifySchemaAsync(copy, cancellationToken));
            if (problems.Count == 0) problems.AddRange(await VerifyDataKeyAsync(copy, cancellationToken));
        }
        catch (SqliteException ex)
        {
            problems.Add($"Not a readable SQLite database: {ex.Message.Split('\n')[0]}");
        }
        return problems;
    }

    /// <summary>Applied migrations in the copy must be this bot's, in order (an older copy is brought up to date by <c>migrate</c> or start-up).</summary>
    private async Task<IEnumerable<string>> VerifySchemaAsync(SqliteConnection copy, CancellationToken cancellationToken)
    {
        var known = await KnownMigrationsAsync();
        List<string> applied;
        try
        {
            applied = await ColumnAsync(copy, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId", cancellationToken);
        }
        catch (SqliteException)
        {
            return ["The copy has no migration history: it is not a PK Bot database."];
        }
        if (applied.Count == 0) return ["The copy has no schema applied."];
        if (applied.Count > known.Count || !applied.SequenceEqual(known.Take(applied.Count)))
            return [$"The copy's schema ({applied[^1]}) is not one this bot knows (its newest: {known[^1]}); restore it with the bot version that wrote it."];
        return [];
    }

    private async Task<List<string>> KnownMigrationsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return [.. scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.GetMigrations().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The data key opens the copy: one stored value of every encrypted column decrypts under this bot's key.
    /// The one place that decides whether a copy belongs to this key; a copy may predate the data_key check value, so stored values are tried.
    /// </summary>
    public async Task<IEnumerable<string>> VerifyDataKeyAsync(SqliteConnection copy, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<BotDbContext>().Model;
        foreach (var (table, column) in DataKeyGuard.EncryptedColumns(model))
        {
            string? sample;
            try
            {
                await using var command = copy.CreateCommand();
                command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL LIMIT 1";
                sample = await command.ExecuteScalarAsync(cancellationToken) as string;
            }
            catch (SqliteException)
            {
                continue; // a column an older schema does not have yet
            }
            if (sample is null) continue;
            try
            {
                protector.Unprotect(sample);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                return [$"The data key (Security:DataKey) does not open the copy ({table}.{column}): it was written under another key."];
            }
        }
        return [];
    }

    /// <summary>Replaces the live database with the verified copy; returns where the replaced database was kept (null when there was none).</summary>
    public async Task<string?> ReplaceAsync(string copyPath, CancellationToken cancellationToken)
    {
        var incoming = database.FilePath + ".restoring";
        File.Delete(incoming);
        File.Copy(copyPath, incoming);
        string? kept = null;
        SqliteConnection.ClearAllPools();
        if (File.Exists(database.FilePath))
        {
            // An online copy of the current database takes in what its WAL still holds.
            kept = $"{database.FilePath}.replaced-{clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
            await DatabaseBackup.CopyAsync(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString(), kept, cancellationToken);
            SqliteConnection.ClearAllPools();
        }
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(database.FilePath + suffix);
        File.Move(incoming, database.FilePath, overwrite: true);
        return kept;
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }
}
