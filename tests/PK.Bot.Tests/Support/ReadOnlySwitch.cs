using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PK.Bot.Tests.Support;

/// <summary>SQLite's own refusal to write (<c>PRAGMA query_only</c>), switched on per connection, as a full or read-only disk would refuse.</summary>
public sealed class ReadOnlySwitch : DbConnectionInterceptor
{
    public volatile bool On;

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA query_only = {(On ? 1 : 0)};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA query_only = {(On ? 1 : 0)};";
        command.ExecuteNonQuery();
    }
}
