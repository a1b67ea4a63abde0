using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PK.Bot.Persistence;

/// <summary>
/// Every connection waits for a busy database instead of failing, enforces foreign keys, and syncs commits as
/// <c>Database:Synchronous</c> says: <c>FULL</c> (the default) syncs the write-ahead log on every commit, so an
/// acknowledged answer survives a power cut as well as a crash; <c>NORMAL</c> syncs only at checkpoints, so it survives
/// the process being killed (kill -9, a crash) but a power cut may lose the last commits. Turns share commits
/// (<see cref="Turns.TurnWriter"/>), so FULL costs one sync per batch of turns, not per answer.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly string[] Modes = ["FULL", "NORMAL", "EXTRA"];
    private readonly string pragmas;

    public SqlitePragmas(IConfiguration configuration)
    {
        var mode = (configuration["Database:Synchronous"] ?? "FULL").Trim().ToUpperInvariant();
        if (!Modes.Contains(mode))
            throw new InvalidOperationException($"Database:Synchronous must be one of {string.Join(", ", Modes)} (was '{mode}').");
        pragmas = $"PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = {mode};";
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
