using System.Data.Common;

namespace PK.Bot.Forwarding;

/// <summary>
/// The core as a SQL database: one transaction per batch, one savepoint per record, so a record the database
/// refuses is set aside while the rest of the batch is stored. Every step is safe to repeat: a batch re-sent after
/// a lost reply finds its records already there with the same content and accepts them without a change.
/// </summary>
public abstract class SqlCoreSink(ILogger logger) : ICoreSink
{
    private const string Columns = "record_id, record_version, form_id, form_version, region_code, kader_id, started_at, submitted_at, received_at, payload";
    private volatile bool schemaReady;

    /// <summary>The SQL for "the time the core received it".</summary>
    protected abstract string Now { get; }

    /// <summary>The SQL for the <c>@payload</c> parameter as the payload column's type.</summary>
    protected abstract string Payload { get; }

    protected abstract IReadOnlyList<string> SchemaSteps { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Binds @id, @version, @form_id, @form_version, @region_code, @kader_id, @started_at, @submitted_at, @payload.</summary>
    protected abstract void Bind(DbCommand command, CoreRecord record);

    /// <summary>True when the database refused this record's data (a constraint or data error), not the batch.</summary>
    protected abstract bool IsRecordError(Exception exception);

    /// <summary>A short reason for a refused record, with no row data (it would carry NIKs).</summary>
    protected abstract string Reason(Exception exception);

    /// <summary>True when retrying cannot help until an operator acts (credentials, permissions, a missing database).</summary>
    protected virtual bool IsConfigurationError(Exception exception) => false;

    /// <summary>Serialises schema upgrades between bots sharing one core.</summary>
    protected virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Inserts every record not in the core yet in one statement; returns which were inserted, or null without a fast path.</summary>
    protected virtual Task<HashSet<(Guid, int)>?> InsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken) =>
        Task.FromResult<HashSet<(Guid, int)>?>(null);

    public async Task<IReadOnlyList<RecordOutcome>> DeliverAsync(IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            if (!schemaReady) await EnsureSchemaAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = await TryInsertNewAsync(connection, transaction, batch, cancellationToken);
            var outcomes = new List<RecordOutcome>(batch.Count);
            foreach (var record in batch)
            {
                if (inserted?.Contains((record.RecordId, record.Version)) == true)
                {
                    outcomes.Add(RecordOutcome.Accepted(record));
                    continue;
                }
                await transaction.SaveAsync("record", cancellationToken);
                try
                {
                    outcomes.Add(await MergeAsync(connection, transaction, record, cancellationToken));
                    await transaction.ReleaseAsync("record", cancellationToken);
                }
                catch (Exception ex) when (IsRecordError(ex))
                {
                    await transaction.RollbackAsync("record", cancellationToken);
                    outcomes.Add(new RecordOutcome(record, OutcomeKind.Rejected, Reason(ex)));
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            throw new CoreUnavailableException(Reason(ex), configurationError: true, ex);
        }
    }

    /// <summary>Creates or upgrades the core's tables; safe to run any number of times, from any number of bots.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await EnsureSchemaAsync(connection, cancellationToken);
    }

    private async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockSchemaAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {CoreSchema.VersionTable} (version integer PRIMARY KEY, applied_at text NOT NULL)", cancellationToken);
        await using var current = Command(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {CoreSchema.VersionTable}");
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken));
        for (var step = version; step < SchemaSteps.Count; step++)
        {
            await ExecuteAsync(connection, transaction, SchemaSteps[step], cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {CoreSchema.VersionTable} (version, applied_at) VALUES ({step + 1}, '{DateTimeOffset.UtcNow:O}')", cancellationToken);
            logger.LogInformation("Core schema upgraded to version {Version}", step + 1);
        }
        await transaction.CommitAsync(cancellationToken);
        schemaReady = true;
    }

    private async Task<HashSet<(Guid, int)>?> TryInsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("batch", cancellationToken);
        try
        {
            var inserted = await InsertNewAsync(connection, transaction, batch, cancellationToken);
            await transaction.ReleaseAsync("batch", cancellationToken);
            return inserted;
        }
        catch (Exception ex) when (IsRecordError(ex))
        {
            // Some record of the batch is refused: go one by one, so only that one is set aside.
            await transaction.RollbackAsync("batch", cancellationToken);
            return null;
        }
    }

    /// <summary>One record against what the core holds for its id: the rules of docs/architecture.md, "The core database".</summary>
    private async Task<RecordOutcome> MergeAsync(DbConnection connection, DbTransaction transaction, CoreRecord record, CancellationToken cancellationToken)
    {
        var insert = $"INSERT INTO pk_family_records ({Columns}) VALUES ({Values}) ON CONFLICT (record_id) DO NOTHING";
        if (await ExecuteAsync(connection, transaction, insert, cancellationToken, record) == 1)
            return RecordOutcome.Accepted(record);

        var (currentVersion, same) = await ReadAsync(connection, transaction,
            $"SELECT record_version, CASE WHEN payload = {Payload} THEN 1 ELSE 0 END FROM pk_family_records WHERE record_id = @id", record, cancellationToken)
            ?? throw new InvalidOperationException($"Record {record.Key} vanished while it was being merged.");
        if (currentVersion == record.Version)
            return same ? RecordOutcome.Accepted(record) : await ConflictAsync(connection, transaction, record, cancellationToken);

        if (currentVersion < record.Version)
        {
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO pk_family_record_history ({Columns}) SELECT {Columns} FROM pk_family_records WHERE record_id = @id ON CONFLICT (record_id, record_version) DO NOTHING",
                cancellationToken, record);
            await ExecuteAsync(connection, transaction,
                $"""
                UPDATE pk_family_records SET record_version = @version, form_id = @form_id, form_version = @form_version, region_code = @region_code,
                    kader_id = @kader_id, started_at = @started_at, submitted_at = @submitted_at, received_at = {Now}, payload = {Payload}
                WHERE record_id = @id
                """, cancellationToken, record);
            return RecordOutcome.Accepted(record);
        }

        // An older version arriving after a newer one: it belongs in the history, once.
        var inHistory = await ReadAsync(connection, transaction,
            $"SELECT record_version, CASE WHEN payload = {Payload} THEN 1 ELSE 0 END FROM pk_family_record_history WHERE record_id = @id AND record_version = @version", record, cancellationToken);
        if (inHistory is null)
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO pk_family_record_history ({Columns}) VALUES ({Values})", cancellationToken, record);
            return RecordOutcome.Accepted(record);
        }
        return inHistory.Value.Same ? RecordOutcome.Accepted(record) : await ConflictAsync(connection, transaction, record, cancellationToken);
    }

    private async Task<RecordOutcome> ConflictAsync(DbConnection connection, DbTransaction transaction, CoreRecord record, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO pk_family_record_conflicts ({Columns}) SELECT {Values}
            WHERE NOT EXISTS (SELECT 1 FROM pk_family_record_conflicts WHERE record_id = @id AND record_version = @version AND payload = {Payload})
            """, cancellationToken, record);
        logger.LogWarning("Record {RecordKey} conflicts with the core's copy of the same version; set aside in pk_family_record_conflicts", record.Key);
        return new RecordOutcome(record, OutcomeKind.Conflict, "The core holds this record id and version with different content.");
    }

    private string Values => $"@id, @version, @form_id, @form_version, @region_code, @kader_id, @started_at, @submitted_at, {Now}, {Payload}";

    private async Task<(int Version, bool Same)?> ReadAsync(DbConnection connection, DbTransaction transaction, string sql, CoreRecord record, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        Bind(command, record);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)) == 1);
    }

    private async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, CoreRecord? record = null)
    {
        await using var command = Command(connection, transaction, sql);
        if (record is not null) Bind(command, record);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
