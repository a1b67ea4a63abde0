using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class TextParsingTests
{
    [Theory]
    [InlineData("  Jl. Melati   No 5 ", "Jl. Melati No 5")]
    [InlineData("Dusun\nKrajan\tRT 2", "Dusun Krajan RT 2")]
    [InlineData("a\u0000b", "ab")]
    [InlineData("Rumah 🏠 hijau", "Rumah 🏠 hijau")]
    public void TextIsTrimmedAndItsWhitespaceCollapsed(string text, string expected) =>
        Assert.Equal(new TextAnswer(expected), Accepted(Parse(QuestionType.Text, text)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀")]
    [InlineData("...!?")]
    [InlineData("\u200F\u200B")]
    public void TextWithoutALetterOrDigitIsRefused(string text) =>
        Assert.Equal(Texts.TextEmpty, Refused(Parse(QuestionType.Text, text)));

    [Fact]
    public void TextOfTwoHundredCharactersIsTakenAndLongerRefused()
    {
        Assert.IsType<ParseResult.Accepted>(Parse(QuestionType.Text, new string('a', 200)));
        Assert.Equal(Texts.TextTooLong, Refused(Parse(QuestionType.Text, new string('a', 201))));
        Assert.Equal(Texts.TextTooLong, Refused(Parse(QuestionType.Text, new string('a', 10_000))));
    }

    [Theory]
    [InlineData("budi santoso", "Budi Santoso")]
    [InlineData("BUDI  SANTOSO", "Budi Santoso")]
    [InlineData("SITI NUR'AINI", "Siti Nur'aini")]
    [InlineData("m. yusuf", "M. Yusuf")]
    [InlineData("ahmad abdul-rahman", "Ahmad Abdul-Rahman")]
    [InlineData("Ni Made Ayu", "Ni Made Ayu")]
    [InlineData("McDonald tjahjono", "McDonald tjahjono")]
    [InlineData("  Dewi   Lestari ", "Dewi Lestari")]
    [InlineData("ma’ruf", "Ma'ruf")]
    [InlineData("josé", "José")]
    public void NamesAreTitleCasedOnlyWhenTypedInOneCase(string text, string expected) =>
        Assert.Equal(new TextAnswer(expected), Accepted(Parse(QuestionType.Name, text)));

    [Theory]
    [InlineData("Budi 2")]
    [InlineData("Budi_Santoso")]
    [InlineData("Budi 😀")]
    [InlineData("Budi, S.Pd")]
    public void NamesWithOtherCharactersAreRefused(string text) =>
        Assert.Equal(Texts.NameInvalidCharacters, Refused(Parse(QuestionType.Name, text)));

    [Theory]
    [InlineData("")]
    [InlineData("B")]
    [InlineData("..")]
    [InlineData("  ")]
    public void NamesShorterThanTwoCharactersAreRefused(string text) =>
        Assert.Equal(Texts.NameTooShort, Refused(Parse(QuestionType.Name, text)));

    [Fact]
    public void NamesLongerThanAHundredCharactersAreRefused() =>
        Assert.Equal(Texts.NameTooLong, Refused(Parse(QuestionType.Name, new string('a', 101))));

    [Theory]
    [InlineData(QuestionType.Calculate)]
    [InlineData(QuestionType.Note)]
    public void CalculatedItemsAndNotesAreNeverAnsweredByTheKader(QuestionType type) =>
        Assert.Equal(Texts.NotAnswerable, Refused(Parse(type, "12")));
}
