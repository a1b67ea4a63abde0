using PK.Bot.Persistence;
using PK.Bot.Security;
using PK.Domain.Conversations;
using PK.Domain.Interviews;

namespace PK.Bot.Conversations;

/// <summary>Finds an already recorded family by its address key or by its KK NIK (compared as HMAC hashes), within the turn's transaction.</summary>
internal sealed class FamilyRegistry(BotDbContext db, DataProtector protector) : IFamilyRegistry
{
    public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik)
    {
        var kkHash = string.IsNullOrWhiteSpace(kkNik) ? null : protector.LookupHash(kkNik);
        if (familyKey is null && kkHash is null) return null;
        var match = db.Interviews
            .Where(i => i.RecordId != excluding && i.Status != InterviewStatus.Cancelled)
            .Where(i => (familyKey != null && i.FamilyKey == familyKey) || (kkHash != null && i.KkNikHash == kkHash))
            .OrderBy(i => i.StartedAt)
            .Select(i => new { i.RecordId, i.Status, i.RegionCode, SameKk = kkHash != null && i.KkNikHash == kkHash })
            .FirstOrDefault();
        if (match is null) return null;
        var why = match.SameKk ? "No. KK yang sama" : "alamat (RW/RT/No. Rumah/No. Urut) yang sama";
        var state = match.Status == InterviewStatus.Submitted ? "sudah dikirim" : "sedang didata";
        return new FamilyMatch(match.RecordId, $"Keluarga dengan {why} {state} di desa {match.RegionCode}.");
    }
}
