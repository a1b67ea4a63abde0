using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PK.Bot.Tests.Support;

/// <summary>Reads the core's tables with plain SQL that both dialects understand.</summary>
public sealed class CoreQuery(Func<DbConnection> connect)
{
    public static CoreQuery Sqlite(string file) => new(() => new SqliteConnection($"Data Source={file};Pooling=False"));

    public static CoreQuery Postgres(string connectionString) => new(() => new NpgsqlConnection(connectionString));

    public async Task<long> CountAsync(string table, string? where = null) =>
        Convert.ToInt64(await ScalarAsync($"SELECT count(*) FROM {table}{(where is null ? "" : " WHERE " + where)}"));

    /// <summary>Rows of the table, or zero while it does not exist yet (the core never came up).</summary>
    public async Task<long> CountIfExistsAsync(string table)
    {
        try { return await CountAsync(table); }
        catch (DbException) { return 0; }
    }

    public async Task<string?> TextAsync(string sql) => (await ScalarAsync(sql))?.ToString();

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}

public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(25);
        }
    }
}
