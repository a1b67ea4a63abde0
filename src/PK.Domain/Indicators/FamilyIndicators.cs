using System.Globalization;
using PK.Domain.Interviews;

namespace PK.Domain.Indicators;

/// <summary>The derived facts of the PK21 census (targets of stunting prevention and their risk reasons, see docs/family-record.md), computed at the interview date (which the record carries).</summary>
public sealed record FamilyIndicators(
    bool Pus,
    bool PusHamil,
    bool HasBaduta,
    bool HasBalita,
    bool HasRemaja,
    bool HasLansia,
    bool SasaranStunting,
    bool BerisikoStunting,
    IReadOnlyList<RiskReason> Reasons,
    DateOnly AgeReferenceDate)
{
    /// <summary>
    /// Computes the indicators from a finished or unfinished interview of the PK21 form. Bounds that no source
    /// settled (4T "terlalu tua", which child count is "terlalu banyak") come from the form's settings.
    /// </summary>
    public static FamilyIndicators Of(Interview interview)
    {
        var form = interview.Form;
        var members = Enumerable.Range(1, interview.MemberCount).ToList();
        bool Any(string calc) => members.Any(m => Long(interview.ValueOf(calc, m)) == 1);
        long Setting(string name, long fallback) => form.Settings.TryGetValue(name, out var v) && v is long l ? l : fallback;

        var wife = members.FirstOrDefault(m => Long(interview.ValueOf("wus_pus", m)) == 1);
        var pus = wife > 0;
        var pusHamil = pus && Long(interview.ValueOf("kb_hamil")) == 1;
        var baduta = Any("is_baduta");
        var balita = Any("is_balita");
        var sasaran = pus || pusHamil || baduta || balita;

        var reasons = new List<RiskReason>();
        if (Long(interview.ValueOf("pk_air_minum")) is { } water && water is not (1 or 2 or 3 or 4))
            reasons.Add(new RiskReason("air_minum_tidak_layak", string.Format(CultureInfo.InvariantCulture, Texts.RiskWater, water)));
        if (Long(interview.ValueOf("pk_jamban")) is { } latrine && latrine != 1)
            reasons.Add(new RiskReason("jamban_tidak_layak", string.Format(CultureInfo.InvariantCulture, Texts.RiskLatrine, latrine)));
        if (pus)
        {
            var age = Long(interview.ValueOf("umur", wife)) ?? 0;
            var youngBelow = Setting("terlalu_muda_max", 20);
            var oldFrom = Setting("terlalu_tua_min", 35);
            var oldTo = Setting("terlalu_tua_max", long.MaxValue);
            if (age < youngBelow) reasons.Add(new RiskReason("terlalu_muda", string.Format(CultureInfo.InvariantCulture, Texts.RiskTooYoung, age, youngBelow)));
            if (age >= oldFrom && age <= oldTo) reasons.Add(new RiskReason("terlalu_tua", string.Format(CultureInfo.InvariantCulture, Texts.RiskTooOld, age, oldFrom)));

            var births = members
                .Where(m => Long(interview.ValueOf("ibu_kandung", m)) == wife && interview.ValueOf("tanggal_lahir", m) is DateTime)
                .Select(m => (DateTime)interview.ValueOf("tanggal_lahir", m))
                .Order()
                .ToList();
            var closeMonths = Setting("terlalu_dekat_bulan", 24);
            for (var i = 1; i < births.Count; i++)
            {
                var gap = (births[i].Year - births[i - 1].Year) * 12 + births[i].Month - births[i - 1].Month;
                if (gap >= closeMonths) continue;
                reasons.Add(new RiskReason("terlalu_dekat", string.Format(CultureInfo.InvariantCulture, Texts.RiskTooClose, gap, closeMonths)));
                break;
            }

            var countItem = form.Settings.TryGetValue("terlalu_banyak_pakai", out var which) && which is "masih_hidup" ? "kb_jumlah_masih_hidup" : "kb_jumlah_lahir_hidup";
            var children = Long(interview.ValueOf(countItem)) ?? births.Count;
            var manyFrom = Setting("terlalu_banyak_min", 4);
            if (children >= manyFrom) reasons.Add(new RiskReason("terlalu_banyak", string.Format(CultureInfo.InvariantCulture, Texts.RiskTooMany, children, manyFrom - 1)));
        }

        return new FamilyIndicators(
            pus, pusHamil, baduta, balita, Any("is_remaja"), Any("is_lansia"),
            sasaran, sasaran && reasons.Count > 0, sasaran ? reasons : [], interview.InterviewDate);
    }

    private static long? Long(object value) => value switch
    {
        long l => l,
        int i => i,
        decimal d => (long)d,
        double d => (long)d,
        _ => null,
    };
}
