namespace PK.Domain;

public static partial class Texts
{
    // Why a family counts as at risk of stunting (written into the forwarded record and shown in reports).
    public const string RiskWater = "Sumber air minum (III.23) kode {0}, bukan kemasan/ledeng/sumur bor/sumur terlindung.";
    public const string RiskLatrine = "Tempat BAB (III.24) kode {0}, bukan jamban sendiri dengan septic tank.";
    public const string RiskTooYoung = "Istri berusia {0} tahun (di bawah {1}).";
    public const string RiskTooOld = "Istri berusia {0} tahun ({1} tahun atau lebih).";
    public const string RiskTooClose = "Jarak kelahiran anak {0} bulan (kurang dari {1}).";
    public const string RiskTooMany = "Jumlah anak {0} (lebih dari {1}).";
}
