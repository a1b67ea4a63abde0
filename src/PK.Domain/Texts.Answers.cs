using System.Globalization;
using PK.Domain.Answers;
using PK.Domain.Forms;

namespace PK.Domain;

/// <summary>Every sentence the bot says to a kader. This part: refusals and warnings of answer parsing.</summary>
public static partial class Texts
{
    /// <summary>Indonesian number and date formatting (1.234, 15 Jul), looked up once.</summary>
    internal static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    // Numbers
    public const string NumberWithoutSeparators = "Tulis angka tanpa titik atau koma, misalnya 1000.";
    public const string DecimalExpected = "Isi dengan angka, misalnya 12 atau 12,5.";

    public static string WholeNumberExpected(long? min, long? max) => min is { } lo && max is { } hi
        ? $"Isi dengan angka bulat {lo} sampai {hi}."
        : "Isi dengan angka bulat, misalnya 3.";

    public static string NumberOutOfRange(long min, long max) => $"Isi angka {min} sampai {max}.";

    // Text and names
    public const string TextEmpty = "Tulis jawabannya dengan huruf atau angka.";
    public const string TextTooLong = "Jawaban terlalu panjang; paling banyak 200 huruf.";
    public const string NameInvalidCharacters = "Nama hanya boleh berisi huruf, spasi, titik, apostrof, dan tanda hubung.";
    public const string NameTooShort = "Nama terlalu pendek; tulis paling sedikit 2 huruf.";
    public const string NameTooLong = "Nama terlalu panjang; paling banyak 100 huruf.";

    // Dates
    public const string DateUnrecognised = "Tanggal tidak dikenali. Tulis seperti 17-08-1985 atau 17 Agustus 1985.";
    public const string BirthDateUnrecognised =
        "Tanggal lahir tidak dikenali; tulis seperti 17-08-1985, atau bulan dan tahun saja seperti 08-1985.";
    public const string MonthYearUnrecognised = "Bulan dan tahun tidak dikenali; tulis seperti 03-2021 atau Maret 2021.";
    public const string DateBefore1900 = "Tahun harus 1900 atau sesudahnya.";
    public const string MonthYearBefore1950 = "Tahun harus 1950 atau sesudahnya.";

    public static string DateDoesNotExist(int day, int month, int year) =>
        $"Tanggal {day} {IndonesianCalendar.MonthName(month)} {year} tidak ada di kalender.";

    public static string DateAfterInterview(DateOnly interviewDate) =>
        $"Tanggal tidak boleh sesudah hari pendataan ({IndonesianCalendar.Format(interviewDate)}).";

    public static string MonthYearAfterInterview(DateOnly interviewDate) =>
        $"Bulan tidak boleh sesudah bulan pendataan ({IndonesianCalendar.MonthName(interviewDate.Month)} {interviewDate.Year}).";

    // Choices
    public const string NoChoicesAvailable = "Pertanyaan ini belum punya daftar pilihan; hubungi koordinator.";
    public const string ChooseAtLeastOne = "Pilih paling sedikit satu nomor, misalnya 1,3.";

    public static string ChooseFrom(IReadOnlyList<int> codes) => $"Pilih salah satu nomor {CodeSpan(codes)}.";

    public static string ChooseSomeOf(IReadOnlyList<int> codes) =>
        $"Pilih dari nomor {CodeSpan(codes)}; pisahkan dengan koma, misalnya 1,3.";

    public static string NumberNotInList(string number, IReadOnlyList<int> codes) =>
        $"Nomor {Shorten(number)} tidak ada; pilih dari nomor {CodeSpan(codes)}.";

    public static string AnswerYesOrNo(bool withNotApplicable) => withNotApplicable
        ? "Balas ya, tidak, atau tb (tidak berlaku)."
        : "Balas ya atau tidak.";

    /// <summary>Lists the candidates while they fit in one short sentence, else asks for the number only.</summary>
    public static string WhichOneDidYouMean(IReadOnlyList<Choice> candidates)
    {
        var items = candidates.Select(c => $"{c.Code} {c.Label}").ToArray();
        var list = items.Length == 1 ? items[0] : string.Join(", ", items[..^1]) + " atau " + items[^1];
        var message = $"Maksud Anda {list}? Balas dengan nomornya.";
        return message.Length <= 200 ? message : "Jawaban cocok dengan beberapa pilihan; balas dengan nomornya.";
    }

    public static string PartNotRecognised(string part) =>
        $"\"{Shorten(part)}\" tidak dikenali; pisahkan pilihan dengan koma, misalnya 1,3.";

    // NIK
    public const string NikDigitsOnly = "NIK hanya berisi angka; tulis 16 angka tanpa huruf.";
    public const string NikDayInvalid = "NIK tidak valid: angka ke-7 dan ke-8 (tanggal lahir) harus 01–31, atau 41–71 untuk perempuan.";
    public const string NikMonthInvalid = "NIK tidak valid: angka ke-9 dan ke-10 (bulan lahir) harus 01–12.";
    public const string NikSerialZero = "NIK tidak valid: 4 angka terakhir tidak boleh 0000.";

    public static string NikWrongLength(int length) => $"NIK harus 16 angka; yang Anda kirim {length} angka.";

    public static string NikUnknownProvince(string code) => $"NIK tidak valid: kode provinsi {code} tidak dikenal.";

    public static string NikDateDoesNotExist(int day, int month) =>
        $"NIK tidak valid: tanggal lahir {day} {IndonesianCalendar.MonthName(month)} tidak ada.";

    // Phone and the rest
    public const string PhoneInvalid = "Nomor telepon tidak dikenali; tulis seperti 081234567890.";
    public const string NotAnswerable = "Pertanyaan ini tidak perlu dijawab.";

    private static string CodeSpan(IReadOnlyList<int> codes)
    {
        var sorted = codes.Distinct().Order().ToArray();
        if (sorted.Length == 0) return "";
        var contiguous = sorted[^1] - sorted[0] == sorted.Length - 1;
        if (contiguous && sorted.Length > 2) return $"{sorted[0]}–{sorted[^1]}";
        if (sorted.Length == 2) return $"{sorted[0]} atau {sorted[1]}";
        var shown = string.Join(", ", sorted.Take(12).Select(c => c.ToString(CultureInfo.InvariantCulture)));
        return sorted.Length > 12 ? shown + ", …" : shown;
    }

    private static string Shorten(string text)
    {
        if (text.Length <= 30) return text;
        var cut = char.IsHighSurrogate(text[28]) ? 28 : 29;
        return text[..cut] + "…";
    }

    /// <summary>How a member without a NIK yet is shown.</summary>
    public const string NikNone = "belum ada";
}
