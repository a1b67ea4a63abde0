using PK.Domain.Regions;

namespace PK.Bot.Dashboard;

/// <summary>The dashboard's addresses: region codes and ids only, never a name, NIK or phone.</summary>
public static class DashboardRoutes
{
    public const string Root = "/dasbor";
    public const string SignIn = "/dasbor/masuk";
    public const string SignOut = "/dasbor/keluar";
    public const string Style = "/dasbor/gaya.css";
    public const string Kader = "/dasbor/kader";
    public const string Core = "/dasbor/pusat";
    public const string Resend = "/dasbor/pusat/kirim-ulang";
    public const string Download = "/dasbor/unduh";
    public const string DownloadPii = "/dasbor/unduh/pribadi";

    public static string Area(RegionCode code) => $"/dasbor/wilayah/{code.Dotted}";
    public static string Area(RegionCode code, string sort, string direction) => $"/dasbor/wilayah/{code.Dotted}?urut={sort}&arah={direction}";
    public static string Chart(RegionCode code) => $"/dasbor/grafik/{code.Dotted}/grafik.svg";
    public static string KaderOf(RegionCode code) => $"{Kader}?wilayah={code.Dotted}";
    public static string DownloadOf(RegionCode code) => $"{Download}?wilayah={code.Dotted}";
    public static string Xlsx(RegionCode code) => $"/dasbor/unduh/{code.Dotted}/data.xlsx";
    public static string Csv(RegionCode code, string which) => $"/dasbor/unduh/{code.Dotted}/{which}.csv";
}
