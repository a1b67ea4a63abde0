using PK.Bot.Persistence;
using PK.Domain.Records;
using PK.Domain.Regions;

namespace PK.Bot.Reporting;

/// <summary>The reporting row of a submitted family, kept in step with its latest version inside the submitting turn.</summary>
public static class FamilyFacts
{
    public static FamilyFact Of(FamilyRecord record, Guid kaderId)
    {
        var desa = RegionCode.Parse(record.Region.Desa);
        var local = record.SubmittedAt.ToOffset(Provinces.OffsetOf(desa.TimeZone));
        return new FamilyFact
        {
            RecordId = record.RecordId,
            Version = record.Version,
            KaderId = kaderId,
            DesaCode = desa.Dotted,
            FirstSubmittedAt = record.SubmittedAt,
            SubmittedLocalDate = DateOnly.FromDateTime(local.DateTime),
            LastSubmittedAt = record.SubmittedAt,
            Berisiko = record.Indicators.BerisikoStunting,
            RiskMask = record.Indicators.BerisikoStunting ? Dashboard.RiskReasons.MaskOf(record.Indicators.Reasons) : 0,
            MemberCount = record.Members.Count,
        };
    }

    /// <summary>A correction updates the row (a family counts on the day it was first submitted, by the kader who did).</summary>
    public static async Task SaveAsync(BotDbContext db, IReadOnlyList<FamilyFact> facts, CancellationToken cancellationToken)
    {
        foreach (var fact in facts)
        {
            var existing = await db.FamilyFacts.FindAsync([fact.RecordId], cancellationToken);
            if (existing is null)
            {
                db.FamilyFacts.Add(fact);
                continue;
            }
            if (fact.Version < existing.Version) continue;
            existing.Version = fact.Version;
            existing.DesaCode = fact.DesaCode;
            existing.LastSubmittedAt = fact.LastSubmittedAt;
            existing.Berisiko = fact.Berisiko;
            existing.RiskMask = fact.RiskMask;
            existing.MemberCount = fact.MemberCount;
        }
    }
}
