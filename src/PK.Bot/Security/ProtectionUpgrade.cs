using System.Data.Common;

namespace PK.Bot.Security;

/// <summary>
/// Brings rows written before phones and address keys were protected up to date, at start-up right after the key
/// check (it needs the key, so it cannot be a schema migration): a person's phone digits are encrypted and hashed,
/// an interview's address key (<c>desa|RW|RT|No.|Urut</c>) is replaced by its keyed hash. Idempotent, one transaction.
/// </summary>
internal static class ProtectionUpgrade
{
    public static async Task<int> RunAsync(DbConnection connection, DataProtector protector, CancellationToken cancellationToken)
    {
        var people = new List<(long RowId, string Phone)>();
        var families = new List<(long RowId, string Key)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT rowid, \"PhoneDigits\" FROM people WHERE \"PhoneHash\" IS NULL";
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) people.Add((reader.GetInt64(0), reader.GetString(1)));
            // A hash is 64 hex digits; an address key always holds '|'.
            read.CommandText = "SELECT rowid, \"FamilyKey\" FROM interviews WHERE \"FamilyKey\" LIKE '%|%'";
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) families.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        if (people.Count == 0 && families.Count == 0) return 0;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE people SET \"PhoneDigits\" = $phone, \"PhoneHash\" = $hash WHERE rowid = $id";
            foreach (var (rowId, phone) in people)
            {
                update.Parameters.Clear();
                Add(update, "$phone", protector.Protect(phone));
                Add(update, "$hash", protector.PhoneHash(phone));
                Add(update, "$id", rowId);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            update.CommandText = "UPDATE interviews SET \"FamilyKey\" = $hash WHERE rowid = $id";
            foreach (var (rowId, key) in families)
            {
                update.Parameters.Clear();
                Add(update, "$hash", protector.FamilyKeyHash(key));
                Add(update, "$id", rowId);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return people.Count + families.Count;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
