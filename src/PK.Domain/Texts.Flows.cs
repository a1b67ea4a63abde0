namespace PK.Domain;

public static partial class Texts
{
    /// <summary>After a form screen: how many answers were taken ({0}: the screen's title, {1}: how many).</summary>
    public const string FormTaken = "{0}: {1} jawaban tercatat.";
    /// <summary>One answer of a form screen that was not taken ({0}: number, {1}: short label, {2}: why).</summary>
    public const string FormRefused = "{0} {1}: {2}";
    /// <summary>Before the refused answers of a screen are asked again in chat.</summary>
    public const string FormAskedBack = "Jawaban berikut perlu diperbaiki dan akan ditanyakan lagi di sini:";
    /// <summary>A form screen answered after the interview moved on, or with a token the bot did not issue.</summary>
    public const string FormStale = "Formulir itu sudah tidak berlaku; jawabannya tidak dipakai.";
    /// <summary>A form field of a single-answer item that holds several words.</summary>
    public const string OneAnswerOnly = "Isi satu jawaban saja.";
    /// <summary>The member list step: all members' names and NIKs in one message ({0}: first member, {1}: last).</summary>
    public const string FormMemberList = "Ketik nama dan NIK anggota {0} sampai {1}, satu baris per anggota, mulai dari Kepala Keluarga.\nContoh:\nBudi Santoso 3313011708750001\nSiti Aminah 3313014211820002";
    /// <summary>The member list step when one member is left ({0}: the member).</summary>
    public const string FormMemberOne = "Ketik nama dan NIK anggota {0} dalam satu baris.\nContoh: Budi Santoso 3313011708750001";
    /// <summary>More lines than members in the member list ({0}: how many lines were not used).</summary>
    public const string FormMemberExtra = "{0} baris terakhir tidak dipakai: jumlah anggota keluarga lebih sedikit.";
    /// <summary>The body of a form screen message ({0}: what the screen holds).</summary>
    public const string FormOpen = "{0}\nTekan tombol di bawah untuk mengisi formulir.";
    /// <summary>The button that opens a form screen (at most 20 characters, no emoji).</summary>
    public const string FormCta = "Isi formulir";
    /// <summary>The button that submits a form screen.</summary>
    public const string FormSubmit = "Simpan";
    /// <summary>Helper text of a date field.</summary>
    public const string FormDateHelp = "mis. 15 Juli 1980 atau 15/07/1980";
    /// <summary>Helper text of a month-and-year field.</summary>
    public const string FormMonthYearHelp = "mis. 3/2018";
    /// <summary>Helper text of a number field ({0}–{1}: its range).</summary>
    public const string FormRange = "angka {0}–{1}";
    /// <summary>Title of one member's screen ({0}: member, {1}: how many).</summary>
    public const string FormMemberTitle = "Anggota {0} dari {1}";
}
