namespace PK.Domain;

/// <summary>Every sentence the bot says, in Bahasa Indonesia; channels draw them, never write their own.</summary>
public static partial class Texts
{
    public const string Echo = "✓ {0} {1}: {2}";
    public const string CurrentAnswer = "Jawaban sekarang: {0} — balas ok untuk tetap.";
    public const string Proposal = "Usulan: {0} — balas ok bila benar.";
    public const string ProposalFromNik = "Dari NIK: {0} — balas ok bila benar.";
    public const string OptionalHint = "Boleh dilewati: /lewati";
    public const string Required = "Pertanyaan ini wajib diisi, tidak bisa dilewati.";
    public const string NothingToGoBackTo = "Ini pertanyaan pertama; tidak ada yang sebelumnya.";
    public const string UnusedTokens = "Belum dipakai: «{0}». Kirim lagi untuk pertanyaan berikut bila masih perlu.";
    public const string NoProposal = "Belum ada usulan untuk pertanyaan ini; tulis jawabannya.";
    public const string Dropped = "{0} jawaban tidak berlaku lagi setelah perubahan ini dan dihapus.";
    public const string NowBroken = "Perhatian, {0} {1}: {2}";
    public const string WarningConfirm = "{0} Tetap simpan «{1}»? Balas ya atau tidak.";
    public const string NikSexMismatch = "NIK menunjukkan {0}, berbeda dengan jawaban ini.";
    public const string NikDateMismatch = "NIK menunjukkan tanggal lahir {0}, berbeda dengan jawaban ini.";
    public const string ReplyYesOrNo = "Balas ya atau tidak.";
    public const string NotNow = "Perintah itu tidak bisa dipakai sekarang.";
    public const string NoSuchNumber = "Nomor {0} tidak ada di ringkasan. Lihat nomornya dengan /ringkasan, lalu kirim misalnya /ubah 2.5 atau /ubah III.23.";
    public const string EditWhich = "Nomor mana yang diubah? Contoh: /ubah 2.5 (anggota 2, pertanyaan 5) atau /ubah III.23.";
    public const string SummaryTitle = "RINGKASAN KELUARGA";
    public const string SummaryUnanswered = "(belum diisi)";
    public const string SummarySkipped = "(dilewati)";
    public const string SummaryAuto = "(otomatis)";
    public const string NoLongerApplies = "jawaban ini tidak berlaku lagi.";
    public const string SummaryFooterComplete = "Semua sudah terisi. Kirim /kirim untuk menyimpan, atau /ubah NOMOR untuk mengubah.";
    public const string SummaryFooterIncomplete = "Masih ada yang belum terisi. Lanjutkan dengan menjawab pertanyaan.";
    public const string NotComplete = "Belum bisa dikirim: {0}";
    public const string Missing = "{0} {1} belum diisi";
    public const string Submitted = "Keluarga tersimpan dan akan dikirim ke pusat. Terima kasih! Ketik /mulai untuk keluarga berikutnya.";
    public const string Resubmitted = "Perbaikan tersimpan (versi {0}) dan akan dikirim ke pusat.";
    public const string AskCancel = "Batalkan pencatatan keluarga ini? Semua jawabannya dibuang. Balas ya atau tidak.";
    public const string Cancelled = "Pencatatan keluarga dibatalkan. Ketik /mulai untuk keluarga baru.";
    public const string CancelCalledOff = "Tidak jadi dibatalkan.";
    public const string Paused = "Dijeda. Semua jawaban aman tersimpan. Ketik /lanjut untuk melanjutkan.";
    public const string Resumed = "Melanjutkan keluarga ini.";
    public const string DuplicateFound = "Keluarga ini tampaknya sudah dicatat: {0}. Tetap catat sebagai keluarga tersendiri? Balas ya untuk lanjut, atau tidak untuk membatalkan salinan ini.";
    /// <summary>A KK NIK recorded anywhere: says only that it was recorded (not where, not by whom), for <see cref="DuplicateFound"/>.</summary>
    public const string DuplicateSameKk = "No. KK yang sama sudah tercatat";
    /// <summary>The same address in the kader's own desa (the address key includes the desa): {0} is its state.</summary>
    public const string DuplicateSameAddress = "keluarga dengan alamat (RW/RT/No. Rumah/No. Urut) yang sama {0}";
    public const string DuplicateSubmitted = "sudah dikirim";
    public const string DuplicateInProgress = "sedang didata";
    public const string DuplicateKept = "Baik, dicatat sebagai keluarga tersendiri.";
    public const string MemberHeader = "Anggota {0}";
    public const string ProgressLine = "[{0}]";
    public const string ProgressMember = "[{0} · Anggota {1} dari {2}]";
    /// <summary>At a member's name question, from member 2: {0} {1} the previous member's name and masked NIK, {2} its number.</summary>
    public const string NameAndNikHint = "Anggota berikutnya bisa sekaligus: nama dan NIK dalam satu pesan (nama, spasi, 16 angka NIK), seperti «{0} {1}» untuk anggota {2}.";
    /// <summary>At a member's first one-word question, from member 2: {0} the rest of the member in one message, shaped like member {1}.</summary>
    public const string MemberBatchHint = "Anggota berikutnya bisa sekaligus: sisa jawaban anggota ini dalam satu pesan, dipisah spasi, mis. «{0}» (urutan seperti anggota {1}; ok = terima usulan).";
    /// <summary>At the third question of a run of one-word questions: {0} the two answers before it, as one message.</summary>
    public const string RunBatchHint = "Bisa sekaligus: jawaban pertanyaan ini dan berikutnya dalam satu pesan, dipisah spasi, seperti dua jawaban terakhir tadi: «{0}».";
    public const string SeveralAllowed = "Boleh pilih beberapa: tulis nomornya, mis. 1,3.";
}
