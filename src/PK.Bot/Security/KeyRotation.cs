using System.Text.Json;
using Microsoft.Data.Sqlite;
using PK.Bot.Persistence;

namespace PK.Bot.Security;

/// <summary>
/// Re-encrypts every encrypted column and recomputes the keyed hashes under a new data key, in one resumable pass.
/// The new key's check value is stored first (<c>data_key.RotatingTo</c>); each row is rewritten whole in one
/// statement (its ciphertexts and hashes together) and rows are committed in batches, so after a crash every row is
/// under exactly one of the two keys (AES-GCM tells which) and the next run finishes the rest. The bot refuses to
/// start while a rotation is unfinished.
/// </summary>
public sealed class KeyRotation(BotDatabase database, DataProtector current, ILogger<KeyRotation> logger)
{
    /// <summary>Test hook: the process exits without committing once this many rows were rewritten (a crash half-way).</summary>
    public const string CrashAfterRowsVariable = "PK_TEST_ROTATE_CRASH_AFTER_ROWS";

    public int BatchSize { get; init; } = 200;

    public async Task<long> RotateAsync(DataProtector next, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        var (check, rotatingTo) = await StateAsync(connection, cancellationToken);
        if (check == next.CheckValue)
            throw new DataKeyException("--new-key is the key the database is already encrypted under; nothing to do.");
        if (rotatingTo is not null && rotatingTo != next.CheckValue)
            throw new DataKeyException("An unfinished rotation to another key is in progress: run `security rotate-key` again with that same --new-key.");
        if (check != current.CheckValue)
            throw new DataKeyException("Security:DataKey must still be the current (old) key while rotating.");
        await ExecuteAsync(connection, null, "UPDATE data_key SET \"RotatingTo\" = $v WHERE \"Id\" = 1", cancellationToken, ("$v", next.CheckValue));

        var crashAfter = long.TryParse(Environment.GetEnvironmentVariable(CrashAfterRowsVariable), out var n) ? n : long.MaxValue;
        long rewritten = 0;
        foreach (var table in DataKeyGuard.EncryptedColumns().GroupBy(c => c.Table, c => c.Column))
        {
            var columns = table.ToList();
            var hashes = HashColumns(table.Key);
            long after = 0;
            while (true)
            {
                var rows = await ReadBatchAsync(connection, table.Key, columns, after, cancellationToken);
                if (rows.Count == 0) break;
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                foreach (var (rowId, values) in rows)
                {
                    after = rowId;
                    var plain = new string?[values.Length];
                    var changed = false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (values[i] is not { } value) continue;
                        if (next.TryUnprotect(value, out var text)) { plain[i] = text; continue; }
                        if (!current.TryUnprotect(value, out text))
                            throw new DataKeyException($"A value in {table.Key}.{columns[i]} (row {rowId}) opens under neither key; nothing after it was changed.");
                        plain[i] = text;
                        values[i] = next.Protect(text);
                        changed = true;
                    }
                    if (!changed) continue; // already under the new key, hashes included (written in the same statement)
                    var set = columns.Select((c, i) => ($"\"{c}\"", "$c" + i, (object?)values[i])).Concat(hashes(columns, plain, next)).ToList();
                    await ExecuteAsync(connection, transaction, $"UPDATE \"{table.Key}\" SET {string.Join(", ", set.Select(s => $"{s.Item1} = {s.Item2}"))} WHERE rowid = $rowid",
                        cancellationToken, [.. set.Select(s => (s.Item2, s.Item3)), ("$rowid", rowId)]);
                    if (++rewritten >= crashAfter) Environment.Exit(137);
                }
                await transaction.CommitAsync(cancellationToken);
            }
        }

        await ExecuteAsync(connection, null, "UPDATE data_key SET \"CheckValue\" = $v, \"RotatingTo\" = NULL WHERE \"Id\" = 1", cancellationToken, ("$v", next.CheckValue));
        logger.LogInformation("Data key rotated: {Rows} row(s) re-encrypted", rewritten);
        return rewritten;
    }

    private delegate IEnumerable<(string Column, string Parameter, object? Value)> Hashes(IReadOnlyList<string> columns, string?[] plain, DataProtector key);

    /// <summary>The keyed hashes that live beside a table's encrypted columns, recomputed from their plaintext.</summary>
    private static Hashes HashColumns(string table) => table switch
    {
        "people" => (columns, plain, key) => plain[Index(columns, "PhoneDigits")] is { } phone ? [("\"PhoneHash\"", "$h0", key.PhoneHash(phone))] : [],
        "interviews" => (columns, plain, key) =>
        {
            using var snapshot = JsonDocument.Parse(plain[Index(columns, "SnapshotJson")]!);
            var familyKey = snapshot.RootElement.TryGetProperty("FamilyKey", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var kkNik = snapshot.RootElement.TryGetProperty("KkNik", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return [
                ("\"FamilyKey\"", "$h0", familyKey is null ? null : key.FamilyKeyHash(familyKey)),
                ("\"KkNikHash\"", "$h1", string.IsNullOrEmpty(kkNik) ? null : key.LookupHash(kkNik)),
            ];
        },
        _ => (_, _, _) => [],
    };

    private static int Index(IReadOnlyList<string> columns, string column) =>
        columns.ToList().IndexOf(column) is >= 0 and var i ? i : throw new InvalidOperationException($"{column} is not an encrypted column.");

    private async Task<List<(long RowId, string?[] Values)>> ReadBatchAsync(SqliteConnection connection, string table, IReadOnlyList<string> columns, long after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" WHERE rowid > $after ORDER BY rowid LIMIT {BatchSize}";
        command.Parameters.AddWithValue("$after", after);
        var rows = new List<(long, string?[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetInt64(0), [.. Enumerable.Range(1, columns.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]));
        return rows;
    }

    private static async Task<(string? Check, string? RotatingTo)> StateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"CheckValue\", \"RotatingTo\" FROM data_key WHERE \"Id\" = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (null, null);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
