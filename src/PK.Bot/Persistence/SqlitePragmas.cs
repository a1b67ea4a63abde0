using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PK.Bot.Persistence;

/// <summary>Every connection waits for a busy database instead of failing, enforces foreign keys, and syncs each commit to disk.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // synchronous=FULL: an acknowledged answer survives a power cut, not only a crash.
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
