namespace PK.Domain;

/// <summary>What koordinator and kader read about progress: the daily report, tallies, /progres, /kader, /unduh.</summary>
public static partial class Texts
{
    public static string ReportTitle(string areaName, string date, string time, string zone) =>
        $"LAPORAN HARIAN PK — {areaName}\n{date}, pukul {time} {zone}";

    public static string ReportToday(string count) => $"Keluarga tercatat hari ini: {count}";

    public static string ReportTotal(string families, string target, string percent) => $"Total: {families} dari target {target} keluarga ({percent})";

    public static string ReportTotalNoTarget(string families) => $"Total: {families} keluarga (target belum ditetapkan)";

    public static string ReportBerisiko(string count) => $"Keluarga berisiko stunting: {count}";

    public static string ReportSubAreasHeading(string level) => $"{level}, dari yang paling tertinggal:";

    public static string ReportDetailHeading(int shown, string level) => $"{shown} {level} paling tertinggal:";

    public static string ReportAreaLine(int rank, string name, string families, string target, string percent, string today) =>
        $"{rank}. {name}: {families}/{target} ({percent}), hari ini {today}";

    public static string ReportAreaLineNoTarget(int rank, string name, string families, string today) =>
        $"{rank}. {name}: {families} (tanpa target), hari ini {today}";

    public static string ReportMore(int count) => $"… dan {count} lainnya";

    public static string ReportIdleHeading(int days, string count) => $"Kader tanpa keluarga baru dalam {days} hari terakhir: {count}";

    public static string ReportIdleLine(string name, string area, string? last) =>
        last is null ? $"- {name} ({area}): belum pernah mengirim" : $"- {name} ({area}): terakhir {last}";

    public const string ReportNoIdle = "Semua kader mengirim keluarga baru dalam beberapa hari terakhir.";

    public static string ReportWaiting(string count, string age) => $"Menunggu terkirim ke basis data pusat: {count} keluarga (tertua {age}).";

    public const string ReportNothingWaiting = "Semua keluarga sudah terkirim ke basis data pusat.";

    public const string ReportChartCaption = "Grafik capaian per wilayah (persen dari target).";

    public const string ReportChartAxis = "Capaian (% dari target)";

    public const string KecamatanPlural = "Kecamatan";
    public const string DesaPlural = "Desa/kelurahan";
    public const string KabupatenPlural = "Kabupaten/kota";

    public static string KaderTally(string date, string today, string total) =>
        $"Capaian Anda hari ini ({date}): {today} keluarga.\nTotal Anda: {total} keluarga.";

    public static string KaderTallyTarget(string date, string today, string total, string target, string percent) =>
        $"Capaian Anda hari ini ({date}): {today} keluarga.\nTotal Anda: {total} dari target {target} keluarga ({percent}).";

    public static string KaderTallyWaiting(string count) => $"{count} keluarga Anda masih menunggu terkirim ke pusat; tidak perlu diulang, bot mengirimnya otomatis.";

    public const string ProgresCodeInvalid = "Kode wilayah tidak dikenali. Contoh: /progres 33.13.01 atau /progres 331301.";

    public static string ProgresOutsideScope(string code) =>
        $"Maaf, wilayah {code} di luar wilayah Anda. Anda hanya dapat melihat capaian wilayah Anda sendiri.";

    public const string ProgresKaderOwnOnly = "Kader melihat capaian keluarga yang dicatatnya sendiri; kode wilayah tidak diperlukan.";

    public const string KoordinatorOnly = "Perintah ini hanya untuk koordinator.";

    public static string KaderListHeading(string area, int count) => $"Kader di {area}: {count} orang";

    public static string KaderListLine(int rank, string name, string area, string families, string today, string last) =>
        $"{rank}. {name} ({area}): {families} keluarga, hari ini {today}; terakhir aktif {last}";

    public const string KaderListNever = "belum pernah";

    public const string KaderListEmpty = "Belum ada kader terdaftar di wilayah ini.";

    public const string ExportQueued = "Berkas Excel wilayah Anda (tanpa NIK dan nama) sedang disiapkan dan akan dikirim sebentar lagi.";

    public static string ExportCaption(string area, string date) => $"Data keluarga {area}, per {date} (tanpa NIK dan nama).";

    public static string AttachmentNotShown(string caption) =>
        $"{caption}\n(Saluran ini tidak dapat menampilkan berkas; buka bot di Telegram untuk melihatnya.)";

    public static string ConsoleFileWritten(string path) => $"(berkas ditulis ke {path})";
}
