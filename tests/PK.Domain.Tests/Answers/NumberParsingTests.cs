using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class NumberParsingTests
{
    private static readonly IntegerRange Weeks = new(0, 45);

    [Theory]
    [InlineData("12", 12)]
    [InlineData(" 7 ", 7)]
    [InlineData("0", 0)]
    [InlineData("045", 45)]
    [InlineData("\u200F12\u200E", 12)]
    public void DigitsAreAWholeNumber(string text, long expected) =>
        Assert.Equal(new NumberAnswer(expected), Accepted(Parse(QuestionType.Integer, text, range: Weeks)));

    [Theory]
    [InlineData("46")]
    [InlineData("-1")]
    [InlineData("999999999999999999")]
    public void ANumberOutsideTheRangeIsRefusedWithTheRange(string text) =>
        Assert.Equal("Isi angka 0 sampai 45.", Refused(Parse(QuestionType.Integer, text, range: Weeks)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("dua belas")]
    [InlineData("12 minggu")]
    [InlineData("12,5")]
    [InlineData("1 2")]
    [InlineData("😀")]
    [InlineData("١٢ minggu")]
    [InlineData("+12")]
    [InlineData("12345678901234567890123")]
    public void AnythingButAWholeNumberIsRefused(string text) =>
        Assert.Equal("Isi dengan angka bulat 0 sampai 45.", Refused(Parse(QuestionType.Integer, text, range: Weeks)));

    [Theory]
    [InlineData("1.000")]
    [InlineData("1,000")]
    [InlineData("12.500.000")]
    public void ThousandsSeparatorsAreRefusedWithAHint(string text) =>
        Assert.Equal(Texts.NumberWithoutSeparators, Refused(Parse(QuestionType.Integer, text)));

    [Fact]
    public void WithoutARangeAnyWholeNumberIsTaken() =>
        Assert.Equal(new NumberAnswer(123456), Accepted(Parse(QuestionType.Integer, "123456")));

    [Fact]
    public void TenThousandCharactersAreRefusedNotThrown() =>
        Assert.IsType<ParseResult.Refused>(Parse(QuestionType.Integer, new string('9', 10_000)));

    [Theory]
    [InlineData("12,5", "12.5")]
    [InlineData("12.5", "12.5")]
    [InlineData("12", "12")]
    [InlineData(" 0,25 ", "0.25")]
    public void DecimalsTakeACommaOrADot(string text, string expected) =>
        Assert.Equal(new DecimalAnswer(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)),
            Accepted(Parse(QuestionType.Decimal, text)));

    [Theory]
    [InlineData("12,")]
    [InlineData(",5")]
    [InlineData("1.000,5")]
    [InlineData("dua")]
    public void MalformedDecimalsAreRefused(string text) =>
        Assert.Equal(Texts.DecimalExpected, Refused(Parse(QuestionType.Decimal, text)));

    [Fact]
    public void DecimalsAreCheckedAgainstTheRange() =>
        Assert.Equal("Isi angka 0 sampai 45.", Refused(Parse(QuestionType.Decimal, "45,5", range: Weeks)));
}
