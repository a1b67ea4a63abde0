namespace PK.Domain;

/// <summary>What the admin reads about forwarding to the core database (the <c>forward</c> verbs).</summary>
public static partial class Texts
{
    public static string ForwardWaiting(int count) => $"Menunggu dikirim ke pusat : {count} keluarga";

    public static string ForwardOldest(string? age) => $"Menunggu paling lama     : {age ?? "—"}";

    public static string ForwardDelivered(int count) => $"Sudah diterima pusat     : {count}";

    public static string ForwardSetAside(int rejected, int conflicts) => $"Disisihkan               : {rejected} ditolak, {conflicts} konflik (lihat: forward list --rejected / --conflicts)";

    public static string ForwardLastSuccess(string? at) => $"Terakhir berhasil        : {at ?? "belum pernah"}";

    public static string ForwardLastError(string? at, string? error) => $"Galat terakhir           : {(at is null ? "tidak ada" : $"{at} · {error}")}";

    public static string ForwardNextAttempt(int failures, string at) => $"Gagal {failures} kali berturut-turut; coba lagi sekitar {at}";

    public const string ForwardConfigurationError =
        "PERHATIAN: pusat menolak kredensial bot (HTTP 401/403 atau izin basis data). Periksa Core:Url, Core:ApiKey atau ConnectionStrings:Core; bot terus mencoba perlahan.";

    public const string ForwardListWhich = "Pilih salah satu: --rejected (ditolak pusat) atau --conflicts (konflik versi).";

    public static string ForwardListCount(int count) => $"{count} catatan.";

    public const string ForwardRetryWhich = "Sebutkan RECORD_ID yang akan dikirim ulang, atau --all-rejected.";

    public static string ForwardRetryNothing(string what) => $"Tidak ada catatan yang disisihkan untuk {what}.";

    public static string ForwardRetried(int count) => $"{count} catatan dikembalikan ke antrean; forwarder akan mengirimnya lagi.";
}
