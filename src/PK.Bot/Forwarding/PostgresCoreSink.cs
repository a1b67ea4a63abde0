using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace PK.Bot.Forwarding;

/// <summary>The core on PostgreSQL (<c>ConnectionStrings:Core</c>): payloads as jsonb, new records of a batch inserted in one statement.</summary>
public sealed class PostgresCoreSink(NpgsqlDataSource dataSource, ILogger<PostgresCoreSink> logger) : SqlCoreSink(logger), IAsyncDisposable
{
    protected override string Now => "now()";

    protected override string Payload => "CAST(@payload AS jsonb)";

    protected override IReadOnlyList<string> SchemaSteps => CoreSchema.Postgres;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    protected override void Bind(DbCommand command, CoreRecord record)
    {
        var parameters = ((NpgsqlCommand)command).Parameters;
        parameters.AddWithValue("id", record.RecordId);
        parameters.AddWithValue("version", record.Version);
        parameters.AddWithValue("form_id", record.FormId);
        parameters.AddWithValue("form_version", record.FormVersion);
        parameters.AddWithValue("region_code", record.RegionCode);
        parameters.AddWithValue("kader_id", record.KaderId);
        parameters.AddWithValue("started_at", record.StartedAt.ToUniversalTime());
        parameters.AddWithValue("submitted_at", record.SubmittedAt.ToUniversalTime());
        parameters.AddWithValue("payload", NpgsqlDbType.Text, record.Payload);
    }

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(7021302)");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<HashSet<(Guid, int)>?> InsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)Command(connection, transaction,
            """
            INSERT INTO pk_family_records (record_id, record_version, form_id, form_version, region_code, kader_id, started_at, submitted_at, received_at, payload)
            SELECT t.id, t.version, t.form_id, t.form_version, t.region_code, t.kader_id, t.started_at, t.submitted_at, now(), CAST(t.payload AS jsonb)
            FROM unnest(@ids, @versions, @form_ids, @form_versions, @region_codes, @kader_ids, @started, @submitted, @payloads)
                AS t(id, version, form_id, form_version, region_code, kader_id, started_at, submitted_at, payload)
            ON CONFLICT (record_id) DO NOTHING
            RETURNING record_id, record_version
            """);
        command.Parameters.AddWithValue("ids", batch.Select(r => r.RecordId).ToArray());
        command.Parameters.AddWithValue("versions", batch.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue("form_ids", batch.Select(r => r.FormId).ToArray());
        command.Parameters.AddWithValue("form_versions", batch.Select(r => r.FormVersion).ToArray());
        command.Parameters.AddWithValue("region_codes", batch.Select(r => r.RegionCode).ToArray());
        command.Parameters.AddWithValue("kader_ids", batch.Select(r => r.KaderId).ToArray());
        command.Parameters.AddWithValue("started", batch.Select(r => r.StartedAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("submitted", batch.Select(r => r.SubmittedAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(r => r.Payload).ToArray());
        var inserted = new HashSet<(Guid, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            inserted.Add((reader.GetGuid(0), reader.GetInt32(1)));
        return inserted;
    }

    // Class 22: data exception (e.g. \u0000 in jsonb); 23: integrity constraint; 54: a value past a limit.
    protected override bool IsRecordError(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22") || state.StartsWith("23") || state.StartsWith("54"));

    // Class 28: authentication; 42501: no privilege; 3D000: no such database.
    protected override bool IsConfigurationError(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("28") || state is "42501" or "3D000");

    protected override string Reason(Exception exception) => exception switch
    {
        // MessageText only: Detail may quote the row, and the row carries NIKs.
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        _ => exception.Message,
    };

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
