namespace PK.Bot.Channels.Telegram;

/// <summary>What the Telegram channel itself says (its contact step, its button marks, its command menu), in Bahasa Indonesia.</summary>
public static class TelegramTexts
{
    public const string ShareContactButton = "Bagikan nomor telepon";
    public const string ShareContactPrompt =
        "Selamat datang di PK Bot. Untuk memastikan Anda terdaftar sebagai kader atau koordinator, tekan tombol «Bagikan nomor telepon» di bawah.";
    public const string ShareContactFirst =
        "Sebelum mulai, bagikan nomor telepon Anda dengan tombol «Bagikan nomor telepon» di bawah.";
    public const string NotOwnContact =
        "Yang dibagikan harus nomor Anda sendiri. Tekan tombol «Bagikan nomor telepon» di bawah, jangan memilih kontak orang lain.";
    public const string ContactNotOnRoster =
        "Maaf, nomor Anda belum terdaftar sebagai kader atau koordinator PK. Silakan hubungi koordinator Anda.";
    public const string ContactUnreadable =
        "Nomor pada kontak itu bukan nomor Indonesia yang bisa dibaca. Silakan hubungi koordinator Anda.";
    public const string ContactLinked = "Nomor Anda terverifikasi.";
    public const string PrivateChatsOnly = "PK Bot hanya melayani percakapan pribadi. Silakan kirim pesan langsung ke bot ini.";
    public const string ChosenAnswer = "✅ {0}";
    public const string StaleButtonPressed = "(tombol lama, tidak dipakai)";

    /// <summary>The chat commands as a chat app lists them (command without '/', description).</summary>
    public static readonly IReadOnlyList<(string Command, string Description)> CommandMenu =
    [
        ("mulai", "Catat keluarga baru"),
        ("lanjut", "Lanjutkan keluarga yang belum selesai"),
        ("kembali", "Ke pertanyaan sebelumnya"),
        ("lewati", "Lewati pertanyaan yang boleh kosong"),
        ("ringkasan", "Lihat semua jawaban"),
        ("ubah", "Ubah satu jawaban, mis. /ubah 2.5"),
        ("kirim", "Simpan keluarga (dari ringkasan)"),
        ("jeda", "Jeda, lanjutkan nanti"),
        ("batal", "Batalkan keluarga ini"),
        ("koreksi", "Perbaiki keluarga yang sudah dikirim"),
        ("progres", "Lihat capaian"),
        ("dasbor", "Tautan masuk dasbor web (koordinator)"),
        ("bantuan", "Daftar perintah"),
    ];
}
