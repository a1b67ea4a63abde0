using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PK.Bot.Forwarding;

/// <summary>The embedded core: a SQLite file of its own (<c>ConnectionStrings:Core</c>), payloads as canonical JSON text.</summary>
public sealed class SqliteCoreSink : SqlCoreSink
{
    private readonly string connectionString;

    public SqliteCoreSink(string connectionString, ILogger<SqliteCoreSink> logger) : base(logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
            throw new InvalidOperationException("ConnectionStrings:Core must name a database file for the Sqlite core (Data Source=…).");
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Pooling = true;
        FilePath = builder.DataSource;
        this.connectionString = builder.ToString();
    }

    public string FilePath { get; }

    protected override string Now => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    protected override string Payload => "@payload";

    protected override IReadOnlyList<string> SchemaSteps => CoreSchema.Sqlite;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // The core holds NIKs and names in plain text by design: 0600 from its first byte (its -wal/-shm follow).
        Security.PrivateFiles.PrepareDatabase(FilePath);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override void Bind(DbCommand command, CoreRecord record)
    {
        var parameters = (SqliteParameterCollection)command.Parameters;
        parameters.AddWithValue("@id", record.RecordId.ToString("D"));
        parameters.AddWithValue("@version", record.Version);
        parameters.AddWithValue("@form_id", record.FormId);
        parameters.AddWithValue("@form_version", record.FormVersion);
        parameters.AddWithValue("@region_code", record.RegionCode);
        parameters.AddWithValue("@kader_id", record.KaderId);
        parameters.AddWithValue("@started_at", Utc(record.StartedAt));
        parameters.AddWithValue("@submitted_at", Utc(record.SubmittedAt));
        // Text equality is content equality only for one spelling of the JSON.
        parameters.AddWithValue("@payload", CanonicalJson.Of(record.Payload));
    }

    protected override bool IsRecordError(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19 or 20 or 25 } || exception is System.Text.Json.JsonException;

    protected override string Reason(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.Message,
        _ => exception.Message,
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
