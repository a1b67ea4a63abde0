using Npgsql;

namespace PK.Bot.Tests.Support;

/// <summary>
/// A test that needs the throwaway PostgreSQL of scripts/with-postgres.sh (PK_TEST_POSTGRES). On a developer
/// machine without it the test is skipped; in CI (CI=true) it runs, and fails for want of the server.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresDatabase.ServerConnectionString is null && !PostgresDatabase.InCi)
            Skip = "PK_TEST_POSTGRES is not set: run through scripts/test.sh (or scripts/with-postgres.sh).";
    }
}

/// <summary>A fresh database of its own on the test server, dropped at the end.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("PK_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private PostgresDatabase(string name, NpgsqlConnectionStringBuilder server)
    {
        Name = name;
        Server = server;
    }

    public string Name { get; }
    public NpgsqlConnectionStringBuilder Server { get; }

    public string ConnectionString => Via(Server.Host!, Server.Port);

    /// <summary>The connection string to this database through another address (a proxy), with short timeouts.</summary>
    public string Via(string host, int port) => new NpgsqlConnectionStringBuilder(Server.ConnectionString)
    {
        Host = host,
        Port = port,
        Database = Name,
        Timeout = 5,
        CommandTimeout = 30,
        SslMode = SslMode.Disable,
    }.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException("PK_TEST_POSTGRES is not set: in CI the PostgreSQL tests must run (scripts/test.sh starts the server).");
        var name = "pk_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(server));
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
