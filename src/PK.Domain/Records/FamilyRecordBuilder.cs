using PK.Domain.Indicators;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Records;

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
