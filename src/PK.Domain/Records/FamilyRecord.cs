using PK.Domain.Indicators;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Records;

/// <summary>The region a family lives in, at every level (dotted codes).</summary>
public sealed record RecordRegion(string Provinsi, string Kabupaten, string Kecamatan, string Desa);

/// <summary>How the interview went: how long it took and how much was changed.</summary>
public sealed record AuditSummary(double DurationMinutes, int AnswersChanged, int Answers);

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

public static class FamilyRecordBuilder
{
    public static FamilyRecord Build(Interview interview, DateTimeOffset submittedAt)
    {
        var s = interview.Snapshot;
        var desa = RegionCode.Parse(s.RegionCode);
        var kecamatan = desa.Parent!.Value;
        var kabupaten = kecamatan.Parent!.Value;
        var family = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var members = Enumerable.Range(1, interview.MemberCount)
            .Select(m => (IDictionary<string, object>)new SortedDictionary<string, object>(StringComparer.Ordinal) { ["nomor"] = m })
            .ToList();
        foreach (var (key, value) in interview.Answers)
        {
            if (key.Member is { } m) members[m - 1][key.ItemId] = value.RecordValue;
            else family[key.ItemId] = value.RecordValue;
        }
        return new FamilyRecord(
            s.RecordId,
            s.Version,
            s.FormId,
            s.FormVersion,
            new RecordRegion(kabupaten.ProvinceCode, kabupaten.Dotted, kecamatan.Dotted, desa.Dotted),
            s.KaderId,
            s.StartedAt,
            submittedAt,
            s.InterviewDate,
            s.DeliberateDuplicate,
            family,
            members.Select(m => (IReadOnlyDictionary<string, object>)m.AsReadOnly()).ToList(),
            FamilyIndicators.Of(interview),
            new AuditSummary(Math.Round((submittedAt - s.StartedAt).TotalMinutes, 1), s.ChangeCount, interview.Answers.Count));
    }
}
