using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;

namespace PK.Bot.Operations;

/// <summary>
/// Consistent copies of the live database through SQLite's online backup API: one snapshot (WAL contents included)
/// while the bot keeps writing, page for page, so encrypted columns stay encrypted. The data key is never copied.
/// </summary>
public sealed class DatabaseBackup(BotDatabase database, IOptions<BackupOptions> options, TimeProvider clock, ILogger<DatabaseBackup> logger)
{
    public const string DailyPrefix = "pk-bot-";

    public string Folder => string.IsNullOrWhiteSpace(options.Value.Folder)
        ? Path.Combine(database.Directory, "backups")
        : Path.GetFullPath(options.Value.Folder);

    /// <summary>Copies the live database to <paramref name="target"/> (written beside it first, then moved, so a copy is whole or absent).</summary>
    public static async Task CopyAsync(string sourceConnectionString, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var partial = target + ".partial";
        File.Delete(partial);
        await using (var source = new SqliteConnection(sourceConnectionString))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            // One step over every page: a reader's snapshot, so writers are not held back for long and the copy is consistent.
            await Task.Run(() => source.BackupDatabase(destination), cancellationToken);
            await using var command = destination.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        File.Move(partial, target, overwrite: false);
    }

    /// <summary>The daily copy: <c>pk-bot-yyyyMMdd-HHmmss.db</c> in <see cref="Folder"/>, then all but the newest <c>Backup:Keep</c> deleted.</summary>
    public async Task<string> TakeDailyAsync(CancellationToken cancellationToken)
    {
        var stamp = clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = Path.Combine(Folder, $"{DailyPrefix}{stamp}.db");
        await CopyAsync(database.ConnectionString, target, cancellationToken);
        foreach (var old in Directory.GetFiles(Folder, $"{DailyPrefix}*.db").OrderDescending(StringComparer.Ordinal).Skip(options.Value.Keep))
        {
            File.Delete(old);
            logger.LogInformation("Deleted the old backup {Backup}", Path.GetFileName(old));
        }
        logger.LogInformation("Backup written to {Backup}", target);
        return target;
    }
}

/// <summary>Takes the daily copy at <c>Backup:Daily</c>, local time (the machine's zone, or the clock's).</summary>
public sealed class DailyBackup(DatabaseBackup backup, IOptions<BackupOptions> options, TimeProvider clock, ILogger<DailyBackup> logger) : BackgroundService
{
    /// <summary>Raised after each daily copy with its path (tests wait on it).</summary>
    public event Action<string>? Written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Daily is not { } at) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetLocalNow();
            var next = new DateTimeOffset(now.Date.Add(at.ToTimeSpan()), now.Offset);
            if (next <= now) next = next.AddDays(1);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                var path = await backup.TakeDailyAsync(stoppingToken);
                Written?.Invoke(path);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                // The health check does not see this; the log does, and tomorrow's run tries again.
                logger.LogError(ex, "The daily backup failed");
            }
        }
    }
}
