namespace PK.Bot.Dashboard;

/// <summary>Every sentence of the dashboard and of <c>/dasbor</c>, in Bahasa Indonesia.</summary>
public static class DashboardTexts
{
    // /dasbor in chat
    public const string KaderNo = "Maaf, dasbor hanya untuk koordinator dan admin. Capaian Anda sendiri: /progres.";
    public const string Off = "Dasbor belum diaktifkan di server ini. Hubungi admin kabupaten.";
    public static string Link(string url, int minutes) =>
        $"Tautan masuk dasbor (berlaku {minutes} menit, hanya sekali pakai, jangan dibagikan):\n{url}";

    // Sign-in
    public const string SignInTitle = "Masuk ke dasbor";
    public const string SignInPrompt = "Tekan tombol di bawah untuk masuk ke dasbor PK.";
    public const string SignInButton = "Masuk";
    public const string LinkUsed = "Tautan ini sudah dipakai. Kirim /dasbor di chat untuk mendapatkan tautan baru.";
    public const string LinkExpired = "Tautan ini sudah kedaluwarsa. Kirim /dasbor di chat untuk mendapatkan tautan baru.";
    public const string LinkUnknown = "Tautan tidak dikenali. Kirim /dasbor di chat untuk mendapatkan tautan baru.";
    public const string LinkNotAllowed = "Dasbor hanya untuk koordinator dan admin yang aktif.";
    public const string SignedOut = "Anda sudah keluar dari dasbor. Kirim /dasbor di chat untuk masuk lagi.";
    public const string NotSignedIn = "Anda belum masuk atau sesi sudah berakhir. Kirim /dasbor di chat untuk mendapatkan tautan masuk.";
    public const string Forbidden = "Maaf, halaman ini di luar wilayah atau wewenang Anda.";
    public const string NotFound = "Wilayah tidak dikenali.";

    // Navigation
    public const string Title = "Dasbor PK";
    public const string NavSummary = "Ringkasan";
    public const string NavKader = "Kader";
    public const string NavCore = "Pusat";
    public const string NavDownload = "Unduh";
    public const string SignOut = "Keluar";
    public static string SignedInAs(string role, string area) => $"Masuk sebagai {role} · {area}";

    // Summary
    public static string Heading(string area) => $"Ringkasan {area}";
    public static string AsOf(string date, string time, string zone) => $"Per {date}, pukul {time} {zone}";
    public const string Today = "Hari ini";
    public const string Total = "Total keluarga";
    public const string Target = "Target";
    public const string Percent = "Capaian";
    public const string NoTarget = "—";
    public const string ColumnArea = "Wilayah";
    public const string ColumnFamilies = "Keluarga";
    public const string ColumnBerisiko = "Berisiko stunting";
    public const string SortHint = "Tekan judul kolom untuk mengurutkan; bawaan: yang paling tertinggal di atas.";
    public const string ChartAlt = "Grafik capaian per wilayah terhadap target";
    public const string Backlog = "Antrean ke basis data pusat";
    public static string BacklogWaiting(string count, string age) => $"{count} keluarga menunggu, yang tertua {age}.";
    public const string BacklogNone = "Semua keluarga sudah terkirim ke pusat.";
    public static string Berisiko(string count) => $"Keluarga berisiko stunting: {count}";
    public const string ColumnReason = "Alasan";
    public const string ReasonNote = "Satu keluarga bisa punya lebih dari satu alasan.";
    public const string Breadcrumb = "Jalur wilayah";

    // Desa kader table
    public const string DesaKader = "Kader di desa ini";
    public const string ColumnKader = "Kader";
    public const string ColumnLast = "Aktivitas terakhir";
    public const string ColumnUnfinished = "Belum selesai";
    public const string Never = "belum pernah";
    public const string KaderLabelNote = "Kader ditampilkan dengan kode (K-xxxxxx), bukan nama; nama ada di /kader pada chat.";
    public const string NoKader = "Belum ada kader terdaftar di wilayah ini.";

    // Kader page
    public static string KaderHeading(string area) => $"Kader {area}";
    public const string Unlinked = "Belum menyambungkan chat";
    public const string UnlinkedNone = "Semua kader sudah menyambungkan chat.";
    public static string Idle(int days) => $"Tidak mengirim keluarga dalam {days} hari terakhir";
    public const string IdleNone = "Tidak ada kader yang menganggur.";
    public const string ColumnRegion = "Wilayah kerja";
    public const string ColumnLastFamily = "Keluarga terakhir";

    // Core page
    public const string CoreHeading = "Pengiriman ke basis data pusat";
    public const string CoreWaiting = "Menunggu";
    public const string CoreOldest = "Yang tertua menunggu";
    public const string CoreDelivered = "Terkirim";
    public const string CoreRejected = "Ditolak pusat";
    public const string CoreConflicts = "Bentrok (versi sama, isi berbeda)";
    public const string CoreLastSuccess = "Berhasil terakhir";
    public const string CoreLastError = "Kesalahan terakhir";
    public const string ColumnRecord = "ID catatan";
    public const string ColumnVersion = "Versi";
    public const string ColumnSubmitted = "Dikirim kader";
    public const string ColumnReasonCore = "Alasan dari pusat";
    public const string Resend = "Kirim ulang";
    public const string ResendAll = "Kirim ulang semua yang ditolak";
    public static string Resent(int count) => $"{count} catatan dimasukkan lagi ke antrean.";
    public const string ResentNothing = "Tidak ada catatan yang bisa dikirim ulang.";
    public const string NoneSetAside = "Tidak ada.";

    // Downloads
    public static string DownloadHeading(string area) => $"Unduh data {area}";
    public const string DownloadNote = "Berkas tanpa NIK, nama, telepon dan alamat.";
    public const string DownloadXlsx = "Excel (XLSX): keluarga dan anggota";
    public const string DownloadCsvFamilies = "CSV keluarga";
    public const string DownloadCsvMembers = "CSV anggota";
    public const string DownloadPiiHeading = "Unduh dengan data pribadi (admin)";
    public const string DownloadPiiNote = "Berisi NIK, nama, telepon dan alamat (UU 27/2022). Setiap unduhan dicatat: siapa, kapan, wilayah mana.";
    public const string DownloadPiiButton = "Unduh XLSX dengan data pribadi";
    public const string None = "tidak ada";

    public static string RoleName(PK.Domain.People.Role role) => role switch
    {
        PK.Domain.People.Role.Admin => "admin",
        PK.Domain.People.Role.Koordinator => "koordinator",
        _ => "kader",
    };

    public static string ReasonName(string code) => code switch
    {
        "air_minum_tidak_layak" => "Sumber air minum tidak layak",
        "jamban_tidak_layak" => "Jamban tidak layak",
        "terlalu_muda" => "Istri terlalu muda",
        "terlalu_tua" => "Istri terlalu tua",
        "terlalu_dekat" => "Jarak kelahiran terlalu dekat",
        "terlalu_banyak" => "Anak terlalu banyak",
        _ => code,
    };
    public const string ReasonUnknown = "Alasan tidak tercatat (dikirim sebelum dasbor ada)";
}
