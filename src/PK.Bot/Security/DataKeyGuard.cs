using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PK.Bot.Persistence;

namespace PK.Bot.Security;

/// <summary>The check value of the key the database is encrypted under (one row), and during a rotation that of the new key.</summary>
public sealed class DataKeyState
{
    public int Id { get; set; } = 1;
    public required string CheckValue { get; set; }
    /// <summary>Set while <c>security rotate-key</c> runs: rows are under either key until it finishes.</summary>
    public string? RotatingTo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DataKeyStateConfiguration : IEntityTypeConfiguration<DataKeyState>
{
    public void Configure(EntityTypeBuilder<DataKeyState> state)
    {
        state.ToTable("data_key");
        state.HasKey(s => s.Id);
        state.Property(s => s.Id).ValueGeneratedNever();
        state.Property(s => s.CheckValue).HasMaxLength(64);
        state.Property(s => s.RotatingTo).HasMaxLength(64);
    }
}

/// <summary>At start, after the schema is current: the configured key must be the one the data was written with.</summary>
public sealed class DataKeyGuard(DataProtector protector, BotDatabase database, TimeProvider? time = null)
{
    public const string RotateHint = "`security rotate-key --new-key …`";

    /// <summary>Stops start-up with a <see cref="DataKeyException"/> when the key does not open the data; records the key's check value on first use.</summary>
    public async Task VerifyAsync(BotDbContext db, bool rotating, CancellationToken cancellationToken)
    {
        var state = await db.Set<DataKeyState>().SingleOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            // A database from before check values were kept: the key must open a value already stored.
            if (await SampleEncryptedValueAsync(db.Database.GetDbConnection(), cancellationToken) is { } sample && !protector.TryUnprotect(sample, out _))
                throw WrongKey();
            db.Add(new DataKeyState { CheckValue = protector.CheckValue, UpdatedAt = (time ?? TimeProvider.System).GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        if (state.RotatingTo is not null && !rotating)
            throw new DataKeyException($"A data key rotation of {database.FilePath} is unfinished: run {RotateHint} again with the same new key before starting the bot.");
        if (state.CheckValue != protector.CheckValue && !(rotating && state.RotatingTo == protector.CheckValue))
            throw WrongKey();
    }

    private DataKeyException WrongKey() => new(
        $"Security:DataKey does not open {database.FilePath}: the database was encrypted under another key. " +
        "Set Security:DataKey (or the key file of a development database) to the key the data was written with; nothing was changed.");

    /// <summary>The encrypted columns of the model: (table, column).</summary>
    public static IReadOnlyList<(string Table, string Column)> EncryptedColumns(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        [.. model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => p.FindAnnotation(Persistence.EncryptedColumns.Annotation) is not null)
                .Select(p => (e.GetTableName()!, p.GetColumnName())))
            .Distinct()
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal)];

    private static IReadOnlyList<(string Table, string Column)>? metadataColumns;

    /// <summary>The encrypted columns, from a model built without a real key (the schema does not depend on it).</summary>
    public static IReadOnlyList<(string Table, string Column)> EncryptedColumns()
    {
        if (metadataColumns is not null) return metadataColumns;
        using var db = new DesignTimeBotDbContextFactory().CreateDbContext([]);
        return metadataColumns = EncryptedColumns(db.Model);
    }

    /// <summary>Any one stored encrypted value, or null when the database holds none.</summary>
    public static async Task<string?> SampleEncryptedValueAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
        }
        foreach (var (table, column) in EncryptedColumns())
        {
            if (!tables.Contains(table)) continue;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL LIMIT 1";
            if (await command.ExecuteScalarAsync(cancellationToken) is string value) return value;
        }
        return null;
    }

    /// <summary>True when the database file exists and holds an encrypted value or a key check value (read-only look, before any migration).</summary>
    public static bool HoldsEncryptedData(BotDatabase database)
    {
        if (!File.Exists(database.FilePath) || new FileInfo(database.FilePath).Length == 0) return false;
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'data_key'";
            if ((long)check.ExecuteScalar()! > 0)
            {
                check.CommandText = "SELECT count(*) FROM data_key";
                if ((long)check.ExecuteScalar()! > 0) return true;
            }
        }
        return SampleEncryptedValueAsync(connection, CancellationToken.None).GetAwaiter().GetResult() is not null;
    }
}
