using PK.Domain.Answers;

namespace PK.Domain.Conversations;

/// <summary>Looks up families already recorded, so a second copy is flagged before it starts (a real seam: the host queries its database).</summary>
public interface IFamilyRegistry
{
    /// <summary>A recorded or in-progress family with the same natural key (desa+RW+RT+No. Rumah+No. Urut) or the same KK NIK, other than <paramref name="excluding"/>.</summary>
    FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik);
}

/// <summary>A family that looks like the one being recorded; <see cref="Description"/> holds no personal data.</summary>
public sealed record FamilyMatch(Guid RecordId, string Description);

/// <summary>One answer change, for the ODK-style audit a supervisor reads.</summary>
/// <param name="ItemKey">The question's key, e.g. "I.2#3" (member 3) or "III.23".</param>
/// <param name="Kind">set, changed, dropped (no longer relevant), auto (filled by the engine).</param>
public sealed record AnswerChange(Guid RecordId, string ItemKey, string ItemId, int? Member, AnswerValue? Previous, AnswerValue? Value, string Kind, DateTimeOffset At);
