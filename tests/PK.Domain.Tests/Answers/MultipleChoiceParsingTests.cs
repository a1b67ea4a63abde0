using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class MultipleChoiceParsingTests
{
    private static int[] Chosen(ParseResult result) => [.. Assert.IsType<MultiChoiceAnswer>(Accepted(result)).Codes];

    [Theory]
    [InlineData("1,3")]
    [InlineData("1 3")]
    [InlineData("1, 3")]
    [InlineData("1;3")]
    [InlineData("1.3")]
    [InlineData("3,1")]
    [InlineData("1 dan 3")]
    [InlineData("1 & 3")]
    [InlineData("1,3,1")]
    [InlineData("1,,3,")]
    [InlineData("koran, medsos")]
    [InlineData("Koran/Majalah/Tabloid, Media sosial/website")]
    [InlineData("majalah; internet")]
    [InlineData("koran dan media sosial")]
    [InlineData("1, media sosial")]
    [InlineData("1\n3")]
    public void SeveralChoicesAreSeparatedByCommasSpacesOrDan(string text) =>
        Assert.Equal([1, 3], Chosen(Parse(QuestionType.SelectMultiple, text, Media)));

    [Theory]
    [InlineData("koran, tv/radio", new[] { 1, 2 })]
    [InlineData("tv", new[] { 2 })]
    [InlineData("2", new[] { 2 })]
    [InlineData("1 2 3 4 5 6", new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData("wayang, pengajian, spanduk", new[] { 4, 5, 6 })]
    public void EachItemResolvesAsASingleChoiceWould(string text, int[] codes) =>
        Assert.Equal(codes, Chosen(Parse(QuestionType.SelectMultiple, text, Media)));

    [Fact]
    public void ALabelHoldingACommaIsOneChoice() =>
        Assert.Equal([1], Chosen(Parse(QuestionType.SelectMultiple, "Ya, dengan septic tank", Toilet)));

    [Theory]
    [InlineData("1, sapi", "\"sapi\" tidak dikenali; pisahkan pilihan dengan koma, misalnya 1,3.")]
    [InlineData("koran tv", "\"koran tv\" tidak dikenali; pisahkan pilihan dengan koma, misalnya 1,3.")]
    [InlineData("1, 9", "Nomor 9 tidak ada; pilih dari nomor 1–6.")]
    [InlineData("", "Pilih paling sedikit satu nomor, misalnya 1,3.")]
    [InlineData(",,", "Pilih paling sedikit satu nomor, misalnya 1,3.")]
    public void AnUnresolvablePartIsRefusedByName(string text, string message) =>
        Assert.Equal(message, Refused(Parse(QuestionType.SelectMultiple, text, Media)));

    [Fact]
    public void AnAmbiguousPartIsAskedBack()
    {
        var result = Ambiguous(Parse(QuestionType.SelectMultiple, "1, p", Media));
        Assert.Equal([4, 5, 6], result.Candidates);
    }

    [Fact]
    public void AMultipleQuestionWithoutAListIsRefusedNotThrown() =>
        Assert.Equal(Texts.NoChoicesAvailable, Refused(Parse(QuestionType.SelectMultiple, "1", [])));
}
