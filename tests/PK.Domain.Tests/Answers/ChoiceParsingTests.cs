using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class ChoiceParsingTests
{
    private static int Chosen(ParseResult result) => Assert.IsType<ChoiceAnswer>(Accepted(result)).Code;

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("02", 2)]
    [InlineData(" 2 ", 2)]
    [InlineData("2.", 2)]
    [InlineData("2)", 2)]
    [InlineData("2. Perempuan", 2)]
    [InlineData("2 perempuan", 2)]
    public void AChoiceIsTakenByItsNumber(string text, int code) => Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Sex)));

    [Theory]
    [InlineData("Laki-laki", 1)]
    [InlineData("laki-laki", 1)]
    [InlineData("Laki laki", 1)]
    [InlineData("LAKILAKI", 1)]
    [InlineData("perempuan", 2)]
    [InlineData("Perempuan.", 2)]
    [InlineData("pérempuan", 2)]
    public void AChoiceIsTakenByItsLabelIgnoringCaseAccentsAndPunctuation(string text, int code) =>
        Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Sex)));

    [Theory]
    [InlineData("laki", 1)]
    [InlineData("l", 1)]
    [InlineData("pr", 2)]
    [InlineData("p", 2)]
    [InlineData("perem", 2)]
    [InlineData("lk", 1)]
    [InlineData("Pr.", 2)]
    public void AnUnambiguousBeginningIsEnough(string text, int code) =>
        Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Sex)));

    [Theory]
    [InlineData("perampuan", 2)]
    [InlineData("prempuan", 2)]
    [InlineData("lakki-laki", 1)]
    public void ASmallTypoIsForgiven(string text, int code) => Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Sex)));

    [Theory]
    [InlineData("islm", 1)]
    [InlineData("isalm", 1)]
    [InlineData("kristen", 2)]
    [InlineData("katholik", 3)]
    [InlineData("konghucu", 6)]
    [InlineData("budha", 5)]
    [InlineData("buddha", 5)]
    [InlineData("penghayat", 7)]
    [InlineData("kepercayaan", 7)]
    public void ReligionsAreFoundByNameOrSlip(string text, int code) =>
        Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Religion)));

    [Theory]
    [InlineData("pns", 6)]
    [InlineData("tni", 6)]
    [InlineData("Polri", 6)]
    [InlineData("swasta", 7)]
    [InlineData("petan", 2)]
    [InlineData("tani", 2)]
    [InlineData("belum bekerja", 1)]
    [InlineData("pedagang", 4)]
    [InlineData("pensiun", 9)]
    public void EachPartOfASlashedLabelAndEachWordFindsTheChoice(string text, int code) =>
        Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Occupation)));

    [Theory]
    [InlineData("tin")]
    [InlineData("pms")]
    public void ASlipAgainstAVeryShortLabelIsNotGuessed(string text) =>
        Assert.Equal("Pilih salah satu nomor 1–10.", Refused(Parse(QuestionType.SelectOne, text, Occupation)));

    [Fact]
    public void SynonymsOfAChoiceAreKnown() => Assert.Equal(3, Chosen(Parse(QuestionType.SelectOne, "medsos", Media)));

    [Theory]
    [InlineData("k", new[] { 2, 3, 6 })]
    [InlineData("kr", new[] { 2 })]
    [InlineData("pe", new[] { 2, 4, 5, 7, 9, 10 })]
    public void ABeginningSharedBySeveralChoicesIsAskedBack(string text, int[] candidates)
    {
        var result = Parse(QuestionType.SelectOne, text, text.StartsWith('p') ? Occupation : Religion);
        if (candidates.Length == 1)
        {
            Assert.Equal(candidates[0], Chosen(result));
            return;
        }
        Assert.Equal(candidates, Ambiguous(result).Candidates);
    }

    [Fact]
    public void TheAskBackNamesTheCandidatesByNumber()
    {
        var result = Ambiguous(Parse(QuestionType.SelectOne, "1 perempuan", Sex));
        Assert.Equal("Maksud Anda 1 Laki-laki atau 2 Perempuan? Balas dengan nomornya.", result.Message);
        Assert.Equal([1, 2], result.Candidates);
    }

    [Theory]
    [InlineData("tamat", new[] { 4, 6, 8, 10 })]
    [InlineData("tidak", new[] { 1, 2 })]
    [InlineData("akademi", new[] { 9, 10 })]
    public void EducationWordsSharedByLevelsAreAskedBack(string text, int[] candidates) =>
        Assert.Equal(candidates, Ambiguous(Parse(QuestionType.SelectOne, text, Education)).Candidates);

    [Theory]
    [InlineData("tamat sd", 4)]
    [InlineData("masih sltp", 5)]
    [InlineData("tamat pt", 10)]
    public void EducationLevelsAreFoundByTheirWords(string text, int code) =>
        Assert.Equal(code, Chosen(Parse(QuestionType.SelectOne, text, Education)));

    [Fact]
    public void ATypoEquallyCloseToTwoLabelsIsAskedBack()
    {
        Choice[] list = [new(1, "Sumur"), new(2, "Sumar")];
        Assert.Equal([1, 2], Ambiguous(Parse(QuestionType.SelectOne, "sumor", list)).Candidates);
    }

    [Fact]
    public void ALabelHoldingACommaIsFoundWhole() =>
        Assert.Equal(2, Chosen(Parse(QuestionType.SelectOne, "ya, tanpa septic tank", Toilet)));

    [Fact]
    public void YaAloneIsAmbiguousWhenSeveralLabelsBeginWithIt() =>
        Assert.Equal([1, 2], Ambiguous(Parse(QuestionType.SelectOne, "ya", Toilet)).Candidates);

    [Theory]
    [InlineData("ya")]
    [InlineData("Ya")]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("iya")]
    [InlineData("iyaa")]
    [InlineData("iyaaaa")]
    [InlineData("yes")]
    [InlineData("benar")]
    [InlineData("betul")]
    [InlineData("1")]
    public void YesWordsMeanYa(string text) => Assert.Equal(1, Chosen(Parse(QuestionType.SelectOne, text, YesNoNotApplicable)));

    [Theory]
    [InlineData("tidak")]
    [InlineData("TIDAK")]
    [InlineData("tdk")]
    [InlineData("t")]
    [InlineData("gak")]
    [InlineData("ga")]
    [InlineData("nggak")]
    [InlineData("enggak")]
    [InlineData("engga")]
    [InlineData("no")]
    [InlineData("bukan")]
    [InlineData("tidka")]
    [InlineData("2")]
    public void NoWordsMeanTidak(string text) => Assert.Equal(2, Chosen(Parse(QuestionType.SelectOne, text, YesNoNotApplicable)));

    [Theory]
    [InlineData("tb")]
    [InlineData("TB")]
    [InlineData("t.b.")]
    [InlineData("tidak berlaku")]
    [InlineData("Tidak Berlaku")]
    [InlineData("3")]
    public void NotApplicableWordsMeanTidakBerlaku(string text) =>
        Assert.Equal(3, Chosen(Parse(QuestionType.SelectOne, text, YesNoNotApplicable)));

    [Theory]
    [InlineData("ok")]
    [InlineData("OK")]
    [InlineData("oke")]
    [InlineData("mungkin")]
    public void OkIsNotYesBecauseItAcceptsAProposedDefault(string text) =>
        Assert.Equal("Balas ya, tidak, atau tb (tidak berlaku).", Refused(Parse(QuestionType.SelectOne, text, YesNoNotApplicable)));

    [Theory]
    [InlineData("tb")]
    [InlineData("3")]
    [InlineData("ok")]
    public void AYesNoListWithoutTidakBerlakuRefusesIt(string text) =>
        Assert.Equal("Balas ya atau tidak.", Refused(Parse(QuestionType.SelectOne, text, YesNo)));

    [Theory]
    [InlineData("8")]
    [InlineData("0")]
    [InlineData("99999999")]
    [InlineData("sapi")]
    [InlineData("")]
    [InlineData("😀")]
    [InlineData("1 3")]
    public void ANumberOrWordNotInTheListIsRefusedWithTheValidNumbers(string text) =>
        Assert.Equal("Pilih salah satu nomor 1–7.", Refused(Parse(QuestionType.SelectOne, text, Religion)));

    [Fact]
    public void AListWithGapsNamesEachValidNumber()
    {
        Choice[] list = [new(1, "Beton"), new(2, "Genteng"), new(7, "Lainnya")];
        Assert.Equal("Pilih salah satu nomor 1, 2, 7.", Refused(Parse(QuestionType.SelectOne, "5", list)));
    }

    [Fact]
    public void ANumberContradictedByItsLabelIsAskedBack() =>
        Assert.Equal([1, 2], Ambiguous(Parse(QuestionType.SelectOne, "2 laki-laki", Sex)).Candidates);

    [Fact]
    public void AYesNoListWithExtraChoicesStillTakesYesWords() =>
        Assert.Equal(1, Chosen(Parse(QuestionType.SelectOne, "iya", Gaps)));

    [Fact]
    public void AQuestionWithoutAListIsRefusedNotThrown() =>
        Assert.Equal(Texts.NoChoicesAvailable, Refused(Parse(QuestionType.SelectOne, "1", null)));

    [Fact]
    public void AnAskBackTooLongToListAsksForTheNumberOnly()
    {
        var list = Enumerable.Range(1, 12).Select(i => new Choice(i, $"Pilihan yang sangat panjang sekali nomor {i}")).ToArray();
        var result = Ambiguous(Parse(QuestionType.SelectOne, "pilihan", list));
        Assert.Equal("Jawaban cocok dengan beberapa pilihan; balas dengan nomornya.", result.Message);
        Assert.Equal(12, result.Candidates.Count);
    }
}
