using Microsoft.Data.Sqlite;
using PK.Bot.Persistence;
using PK.Bot.Security;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.Interviews;

namespace PK.Bot.Turns;

/// <summary>
/// Finds an already recorded family by its address key or by its KK NIK (both compared as HMAC hashes). It reads what
/// is committed, on a pooled connection of its own (the engine asks after most answers once a family has an address);
/// two turns claiming the same family at once are caught by the <see cref="TurnWriter"/>'s check inside the commit. The
/// answer never says where a KK NIK was recorded: a kader elsewhere could otherwise look up anyone's desa by typing
/// their KK NIK.
/// </summary>
internal sealed class FamilyRegistry(BotDatabase database, DataProtector protector) : IFamilyRegistry
{
    private const string Query =
        "SELECT RecordId, Status, KkNikHash IS NOT NULL AND KkNikHash = $kk FROM interviews " +
        "WHERE RecordId <> $excluding AND Status <> 'Cancelled' AND (FamilyKey = $address OR KkNikHash = $kk) ORDER BY StartedAt LIMIT 1";

    public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik)
    {
        var kkHash = string.IsNullOrWhiteSpace(kkNik) ? null : protector.LookupHash(kkNik);
        var addressHash = familyKey is null ? null : protector.FamilyKeyHash(familyKey);
        if (addressHash is null && kkHash is null) return null;
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$excluding", excluding.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$address", (object?)addressHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$kk", (object?)kkHash ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var status = Enum.Parse<InterviewStatus>(reader.GetString(1));
        var description = reader.GetBoolean(2)
            ? Texts.DuplicateSameKk
            : string.Format(Texts.DuplicateSameAddress, status == InterviewStatus.Submitted ? Texts.DuplicateSubmitted : Texts.DuplicateInProgress);
        return new FamilyMatch(Guid.Parse(reader.GetString(0)), description);
    }
}
