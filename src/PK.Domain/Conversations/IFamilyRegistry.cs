namespace PK.Domain.Conversations;

/// <summary>Looks up families already recorded, so a second copy is flagged before it starts (a real seam: the host queries its database).</summary>
public interface IFamilyRegistry
{
    /// <summary>A recorded or in-progress family with the same natural key (desa+RW+RT+No. Rumah+No. Urut) or the same KK NIK, other than <paramref name="excluding"/>.</summary>
    FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik);
}
