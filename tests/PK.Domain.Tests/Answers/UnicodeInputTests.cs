using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

/// <summary>What phones and terminals put into a message: digits of other scripts, and terminal control sequences.</summary>
public class UnicodeInputTests
{
    private const string Man = "3313011708850002";

    [Theory]
    [InlineData("٣٣١٣٠١١٧٠٨٨٥٠٠٠٢")] // Arabic-Indic
    [InlineData("۳۳۱۳۰۱۱۷۰۸۸۵۰۰۰۲")] // Extended Arabic-Indic (Persian, Urdu keyboards)
    [InlineData("３３１３０１１７０８８５０００２")] // full-width
    [InlineData("३३१३०११७०८८५०००२")] // Devanagari
    [InlineData("𝟑𝟑𝟏𝟑𝟎𝟏𝟏𝟕𝟎𝟖𝟖𝟓𝟎𝟎𝟎𝟐")] // mathematical bold, outside the BMP
    [InlineData("٣٣١٣ ٠١١٧ 0885 0002")] // mixed, with spaces
    [InlineData("３３１３.０１.１７０８８５.０００２")]
    public void ANikTypedInDigitsOfAnotherScriptIsTheSameNik(string text)
    {
        Assert.Equal(new NikAnswer(Man), Accepted(Parse(QuestionType.Nik, text)));
        Assert.True(Nik.TryParse(text, out var nik, out var error), error);
        Assert.Equal(Man, nik.Value);
    }

    [Theory]
    [InlineData("٤٥", 45)]
    [InlineData("１２", 12)]
    [InlineData("۰", 0)]
    [InlineData("-٣", -3)]
    public void NumbersInDigitsOfAnotherScriptAreTakenAsTheirValue(string text, long expected) =>
        Assert.Equal(new NumberAnswer(expected), Accepted(Parse(QuestionType.Integer, text)));

    [Fact]
    public void DatesAndPhoneNumbersInDigitsOfAnotherScriptAreTakenAsTheirValue()
    {
        Assert.Equal(new DateAnswer(new DateOnly(1985, 8, 17)), Accepted(Parse(QuestionType.Date, "١٧-٠٨-١٩٨٥")));
        Assert.Equal(new DecimalAnswer(12.5m), Accepted(Parse(QuestionType.Decimal, "١٢,٥")));
        Assert.Equal(new PhoneAnswer("6281234567890"), Accepted(Parse(QuestionType.Phone, "０８１２３４５６７８９０")));
    }

    [Theory]
    [InlineData("٢", 2)]
    [InlineData("３", 3)]
    public void AChoiceByNumberInDigitsOfAnotherScriptIsThatChoice(string text, int code) =>
        Assert.Equal(new ChoiceAnswer(code), Accepted(Parse(QuestionType.SelectOne, text, Religion)));

    [Theory]
    [InlineData("\u001b[2JJl. Melati 5")] // clear screen
    [InlineData("\u001b[2J\u001b[HJl. Melati 5")] // clear screen, cursor home
    [InlineData("Jl. \u001b[1;31mMelati\u001b[0m 5")] // colour on and off
    [InlineData("\u001b]0;judul\u0007Jl. Melati 5")] // window title, ended by BEL
    [InlineData("\u001b]8;;http://x.example/\u001b\\Jl. Melati 5\u001b]8;;\u001b\\")] // hyperlink, ended by ST
    [InlineData("\u009b2JJl. Melati 5")] // the one-character CSI
    [InlineData("\u001b(BJl. Melati 5")] // character set
    [InlineData("\u001b[?25lJl. Melati 5\u001b[?25h")] // cursor hidden and shown
    [InlineData("Jl. Melati 5\u001b")] // a stray ESC at the end
    [InlineData("Jl. Melati 5\u001b[")] // a sequence cut short
    public void TerminalControlSequencesAreDroppedWhole(string text) =>
        Assert.Equal(new TextAnswer("Jl. Melati 5"), Accepted(Parse(QuestionType.Text, text)));

    [Theory]
    [InlineData("\u001b]0;judul tanpa akhir Jl. Melati 5", "0;judul tanpa akhir Jl. Melati 5")]
    [InlineData("Jl. Melati 5 \u001b[12;", "Jl. Melati 5 12;")]
    [InlineData("\u001b\u00e9Jl. Melati 5", "éJl. Melati 5")]
    [InlineData("\u001b (\u00e9Jl. Melati 5", "(éJl. Melati 5")]
    public void AnUnterminatedSequenceDropsOnlyItsIntroducerAndKeepsTheText(string text, string expected) =>
        Assert.Equal(new TextAnswer(expected), Accepted(Parse(QuestionType.Text, text)));

    [Fact]
    public void ANameWithAControlSequenceIsTheName() =>
        Assert.Equal(new TextAnswer("Budi Santoso"), Accepted(Parse(QuestionType.Name, "\u001b[1mBudi\u001b[0m Santoso")));
}
