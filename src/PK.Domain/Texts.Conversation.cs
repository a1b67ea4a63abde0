namespace PK.Domain;

public static partial class Texts
{
    public const string Welcome = "Selamat datang di PK Bot, {0}. Ketik /mulai untuk mencatat keluarga baru, atau /bantuan untuk daftar perintah.";
    public const string Help =
        "Perintah:\n" +
        "/mulai — catat keluarga baru\n" +
        "/lanjut — lanjutkan keluarga yang belum selesai\n" +
        "/kembali — ke pertanyaan sebelumnya\n" +
        "/lewati — lewati pertanyaan yang boleh kosong\n" +
        "/ringkasan — lihat semua jawaban\n" +
        "/ubah NOMOR — ubah satu jawaban (mis. /ubah 2.5)\n" +
        "/kirim — simpan keluarga (dari ringkasan)\n" +
        "/jeda — jeda, lanjutkan nanti\n" +
        "/batal — batalkan keluarga ini\n" +
        "/koreksi — perbaiki keluarga yang sudah dikirim\n" +
        "/progres — lihat capaian\n" +
        "/dasbor — tautan masuk ke dasbor web (koordinator dan admin)\n" +
        "Beberapa jawaban pilihan atau angka boleh dikirim sekaligus, dipisah spasi: 1 2 1 1. Balas ok untuk menerima usulan.";
    public const string NoActiveFamily = "Belum ada keluarga yang sedang dicatat. Ketik /mulai untuk keluarga baru.";
    public const string UnknownCommand = "Perintah {0} tidak dikenal. Ketik /bantuan untuk daftar perintah.";
    public const string Unsupported = "Maaf, kiriman seperti itu tidak bisa dipakai di sini. Jawab dengan mengetik teks atau menekan tombol.";
    public const string StaleButton = "Tombol itu dari pertanyaan sebelumnya. Jawab pertanyaan yang ini:";
    public const string HeldMessage = "Pesan «{0}» terkirim sebelum Anda membaca penolakan tadi, jadi belum dipakai. Kirim lagi bila masih perlu.";
    public const string ChooseDesa = "Di desa/kelurahan mana keluarga ini? Tulis namanya.";
    public const string ChooseDesaAmong = "Ada beberapa yang cocok. Pilih nomornya:";
    public const string DesaNotFound = "Desa «{0}» tidak ditemukan di wilayah Anda. Tulis nama desa/kelurahan lagi.";
    public const string StartedFamily = "Mulai mencatat keluarga baru di {0}.";
    public const string PreviousKept = "Keluarga sebelumnya tetap tersimpan; /lanjut untuk kembali ke sana.";
    public const string ChooseFamily = "Keluarga mana yang dilanjutkan? Pilih nomornya:";
    public const string NothingToResume = "Tidak ada keluarga yang belum selesai. Ketik /mulai untuk keluarga baru.";
    public const string ParkedOffer = "Anda masih punya keluarga yang belum selesai ({0}). Balas 1 untuk melanjutkannya, atau 2 untuk mulai keluarga baru.";
    public const string ChooseCorrection = "Keluarga mana yang ingin diperbaiki? Pilih nomornya:";
    public const string NothingToCorrect = "Tidak ada keluarga terkirim yang masih bisa diperbaiki (batasnya {0} hari).";
    public const string CorrectionOpened = "Perbaikan dibuka. Pilih nomor yang diubah dengan /ubah NOMOR, lalu /kirim.";
    public const string ParkedResume = "Lanjutkan";
    public const string ParkedNewFamily = "Keluarga baru";
    public const string DesaOption = "{0} ({1})";
    public const string YesLabel = "Ya";
    public const string NoLabel = "Tidak";
    public const string PickANumber = "Balas dengan salah satu nomor: {0}.";
    public const string FamilyLabel = "{0}, mulai {1}";
    public const string FamilyLabelAddress = "RT {0}/RW {1} No. {2}";
    public const string ConsoleDemoSeeded = "Roster kosong: kader demo \"Kader Demo\" (081200000001) di Desa Ngepungsari, Kec. Jatipuro, Kab. Karanganyar (33.13.01.2001) ditambahkan. Konsol bercakap sebagai kader itu.";
    public const string ConsoleReady = "Siap. Ketik /mulai untuk mencatat keluarga baru, /bantuan untuk daftar perintah, Ctrl+D untuk keluar.";
    public const string StorageFailed =
        "Maaf, jawaban terakhir Anda BELUM tersimpan karena penyimpanan di server sedang bermasalah. " +
        "Jawaban sebelumnya aman. Silakan kirim ulang jawaban itu beberapa saat lagi.";
    public const string StorageFailedWillRetry =
        "Maaf, penyimpanan di server sedang bermasalah. Jawaban terakhir Anda sudah diterima dan akan disimpan otomatis begitu server pulih; jangan dikirim ulang.";
    /// <summary>To a chat not linked to an active roster person.</summary>
    public const string NotOnRoster =
        "Maaf, nomor ini belum terdaftar sebagai kader atau koordinator PK. Silakan hubungi koordinator Anda.";
    public const string TooLong = "Pesan terlalu panjang ({0} huruf). Kirim jawaban singkat saja.";
}
