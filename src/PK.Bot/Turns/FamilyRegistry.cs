using PK.Bot.Persistence;
using PK.Bot.Security;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.Interviews;

namespace PK.Bot.Turns;

/// <summary>
/// Finds an already recorded family by its address key or by its KK NIK (both compared as HMAC hashes), within the
/// turn's transaction. The answer never says where a KK NIK was recorded: a kader elsewhere could otherwise look up
/// anyone's desa by typing their KK NIK.
/// </summary>
internal sealed class FamilyRegistry(BotDbContext db, DataProtector protector) : IFamilyRegistry
{
    public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik)
    {
        var kkHash = string.IsNullOrWhiteSpace(kkNik) ? null : protector.LookupHash(kkNik);
        var addressHash = familyKey is null ? null : protector.FamilyKeyHash(familyKey);
        if (addressHash is null && kkHash is null) return null;
        var match = db.Interviews
            .Where(i => i.RecordId != excluding && i.Status != InterviewStatus.Cancelled)
            .Where(i => (addressHash != null && i.FamilyKey == addressHash) || (kkHash != null && i.KkNikHash == kkHash))
            .OrderBy(i => i.StartedAt)
            .Select(i => new { i.RecordId, i.Status, SameKk = kkHash != null && i.KkNikHash == kkHash })
            .FirstOrDefault();
        if (match is null) return null;
        var description = match.SameKk
            ? Texts.DuplicateSameKk
            : string.Format(Texts.DuplicateSameAddress, match.Status == InterviewStatus.Submitted ? Texts.DuplicateSubmitted : Texts.DuplicateInProgress);
        return new FamilyMatch(match.RecordId, description);
    }
}
