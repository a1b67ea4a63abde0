using PK.Domain.Indicators;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Records;

/// <summary>
/// A submitted family as it is forwarded to the core database (documented in docs/family-record.md):
/// answers by item id as codes, members as an array, derived facts with their reasons.
/// </summary>
public sealed record FamilyRecord(
    Guid RecordId,
    int Version,
    string FormId,
    string FormVersion,
    RecordRegion Region,
    string KaderId,
    DateTimeOffset StartedAt,
    DateTimeOffset SubmittedAt,
    DateOnly InterviewDate,
    bool DeliberateDuplicate,
    IReadOnlyDictionary<string, object> Family,
    IReadOnlyList<IReadOnlyDictionary<string, object>> Members,
    FamilyIndicators Indicators,
    AuditSummary Audit);
