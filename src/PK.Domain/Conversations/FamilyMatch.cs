namespace PK.Domain.Conversations;

/// <summary>A family that looks like the one being recorded; <see cref="Description"/> holds no personal data.</summary>
public sealed record FamilyMatch(Guid RecordId, string Description);
