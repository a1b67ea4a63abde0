using PK.Domain.Answers;
using PK.Domain.Forms;

namespace PK.Domain.Tests.Answers.Support;

/// <summary>Choice lists of the PK21 form and a one-line way to parse against them.</summary>
internal static class Lists
{
    public static readonly DateOnly InterviewDate = new(2021, 4, 15);
    public static readonly ParseContext Context = new(InterviewDate);

    public static readonly Choice[] Sex = [new(1, "Laki-laki"), new(2, "Perempuan")];

    public static readonly Choice[] Religion =
    [
        new(1, "Islam"), new(2, "Kristen"), new(3, "Katolik"), new(4, "Hindu"), new(5, "Budha"),
        new(6, "Khonghucu"), new(7, "Penghayat Kepercayaan"),
    ];

    public static readonly Choice[] YesNo = [new(1, "Ya"), new(2, "Tidak")];

    public static readonly Choice[] YesNoNotApplicable = [new(1, "Ya"), new(2, "Tidak"), new(3, "Tidak Berlaku")];

    public static readonly Choice[] Occupation =
    [
        new(1, "Tidak/Belum Bekerja"), new(2, "Petani"), new(3, "Nelayan"), new(4, "Pedagang"),
        new(5, "Pejabat Negara"), new(6, "PNS/TNI/POLRI"), new(7, "Pegawai Swasta"), new(8, "Wiraswasta"),
        new(9, "Pensiunan"), new(10, "Pekerja Lepas"),
    ];

    public static readonly Choice[] Education =
    [
        new(1, "Tidak/Belum Sekolah"), new(2, "Tidak Tamat SD/Sederajat"), new(3, "Masih SD"), new(4, "Tamat SD"),
        new(5, "Masih SLTP"), new(6, "Tamat SLTP"), new(7, "Masih SLTA"), new(8, "Tamat SLTA"),
        new(9, "Masih PT/Akademi"), new(10, "Tamat PT/Akademi"),
    ];

    public static readonly Choice[] Toilet =
    [
        new(1, "Ya, dengan septic tank"), new(2, "Ya, tanpa septic tank"), new(3, "Tidak, jamban umum/bersama"),
        new(4, "Lainnya"),
    ];

    public static readonly Choice[] Media =
    [
        new(1, "Koran/Majalah/Tabloid"), new(2, "TV/Radio/Videotron"), new(3, "Media sosial/website", ["medsos", "internet"]),
        new(4, "Seminar/pengajian/pertemuan/konseling/pameran"), new(5, "Leaflet/poster/spanduk/baliho"),
        new(6, "Wayang/tarian/pentas budaya"),
    ];

    public static readonly Choice[] Gaps = [new(1, "Ya"), new(2, "Tidak"), new(5, "Lainnya")];

    public static ParseResult Parse(QuestionType type, string text, IReadOnlyList<Choice>? choices = null, IntegerRange? range = null) =>
        AnswerParser.Parse(type, text, choices, range, Context);

    public static AnswerValue Accepted(ParseResult result) =>
        Assert.IsType<ParseResult.Accepted>(result).Value;

    public static string Refused(ParseResult result) =>
        Assert.IsType<ParseResult.Refused>(result).Message;

    public static ParseResult.Ambiguous Ambiguous(ParseResult result) =>
        Assert.IsType<ParseResult.Ambiguous>(result);
}
