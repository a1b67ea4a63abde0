using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

/// <summary>The interview date in these tests is 15 April 2021.</summary>
public class DateParsingTests
{
    [Theory]
    [InlineData("17-08-1985")]
    [InlineData("17/8/85")]
    [InlineData("17.8.1985")]
    [InlineData("17 8 1985")]
    [InlineData("17 Agustus 1985")]
    [InlineData("17 AGUSTUS 1985")]
    [InlineData("17 agt 1985")]
    [InlineData("17 ags 1985")]
    [InlineData("17 agu 1985")]
    [InlineData("17 agust 1985")]
    [InlineData("17 Agt. 85")]
    [InlineData("17-agustus-1985")]
    [InlineData("17agustus1985")]
    [InlineData("17 august 1985")]
    [InlineData("17 agutus 1985")]
    [InlineData("1985-08-17")]
    [InlineData("  17 - 08 - 1985  ")]
    public void EveryWayKaderWriteADateGivesTheSameDate(string text) =>
        Assert.Equal(new DateAnswer(new DateOnly(1985, 8, 17)), Accepted(Parse(QuestionType.Date, text)));

    [Theory]
    [InlineData("1 jan 2000", 1)]
    [InlineData("1 feb 2000", 2)]
    [InlineData("1 peb 2000", 2)]
    [InlineData("1 pebruari 2000", 2)]
    [InlineData("1 febuari 2000", 2)]
    [InlineData("1 mar 2000", 3)]
    [InlineData("1 apr 2000", 4)]
    [InlineData("1 mei 2000", 5)]
    [InlineData("1 jun 2000", 6)]
    [InlineData("1 jul 2000", 7)]
    [InlineData("1 sep 2000", 9)]
    [InlineData("1 sept 2000", 9)]
    [InlineData("1 okt 2000", 10)]
    [InlineData("1 nov 2000", 11)]
    [InlineData("1 nop 2000", 11)]
    [InlineData("1 nopember 2000", 11)]
    [InlineData("1 des 2000", 12)]
    [InlineData("1 Desember 2000", 12)]
    public void MonthNamesAndTheirCommonAbbreviationsAreKnown(string text, int month) =>
        Assert.Equal(new DateAnswer(new DateOnly(2000, month, 1)), Accepted(Parse(QuestionType.Date, text)));

    [Theory]
    [InlineData("17/8/85", 1985)]
    [InlineData("15/4/21", 2021)]
    [InlineData("16/4/21", 1921)]
    [InlineData("1/1/00", 2000)]
    [InlineData("31/12/20", 2020)]
    [InlineData("31/12/99", 1999)]
    public void TwoDigitYearsResolveToTheLatestPastYear(string text, int year) =>
        Assert.Equal(year, Assert.IsType<DateAnswer>(Accepted(Parse(QuestionType.Date, text))).Value.Year);

    [Theory]
    [InlineData("31-02-2000", "Tanggal 31 Februari 2000 tidak ada di kalender.")]
    [InlineData("29-02-2001", "Tanggal 29 Februari 2001 tidak ada di kalender.")]
    [InlineData("31 April 2010", "Tanggal 31 April 2010 tidak ada di kalender.")]
    [InlineData("00-01-2000", "Tanggal 0 Januari 2000 tidak ada di kalender.")]
    public void ImpossibleDatesAreRefused(string text, string message) =>
        Assert.Equal(message, Refused(Parse(QuestionType.Date, text)));

    [Fact]
    public void LeapDaysExistInLeapYears() =>
        Assert.Equal(new DateAnswer(new DateOnly(2000, 2, 29)), Accepted(Parse(QuestionType.Date, "29-02-2000")));

    [Theory]
    [InlineData("16-04-2021")]
    [InlineData("1 januari 2030")]
    public void DatesAfterTheInterviewAreRefused(string text) =>
        Assert.Equal("Tanggal tidak boleh sesudah hari pendataan (15 April 2021).", Refused(Parse(QuestionType.Date, text)));

    [Fact]
    public void TheInterviewDayItselfIsAllowed() =>
        Assert.Equal(new DateAnswer(InterviewDate), Accepted(Parse(QuestionType.Date, "15-04-2021")));

    [Theory]
    [InlineData("31-12-1899")]
    [InlineData("1 jan 1000")]
    public void YearsBefore1900AreRefused(string text) =>
        Assert.Equal(Texts.DateBefore1900, Refused(Parse(QuestionType.Date, text)));

    [Theory]
    [InlineData("")]
    [InlineData("kemarin")]
    [InlineData("17 08")]
    [InlineData("08-1985")]
    [InlineData("17-13-1985")]
    [InlineData("17 xyz 1985")]
    [InlineData("17-08-198")]
    [InlineData("17-08-19855")]
    [InlineData("8/17/1985")]
    [InlineData("17 ma 1985")]
    [InlineData("17 ju 1985")]
    [InlineData("1 2 3 4")]
    public void UnrecognisedDatesAreRefusedWithAnExample(string text) =>
        Assert.Equal(Texts.DateUnrecognised, Refused(Parse(QuestionType.Date, text)));

    [Theory]
    [InlineData("17-08-1985", 1985, 8, 17)]
    [InlineData("17 agt 85", 1985, 8, 17)]
    public void BirthDatesTakeFullDates(string text, int year, int month, int day) =>
        Assert.Equal(new DateAnswer(new DateOnly(year, month, day)), Accepted(Parse(QuestionType.BirthDate, text)));

    [Theory]
    [InlineData("8/1985")]
    [InlineData("08-1985")]
    [InlineData("Agustus 1985")]
    [InlineData("agt 85")]
    [InlineData("1985-08")]
    public void BirthDatesWithoutADayKeepMonthAndYear(string text) =>
        Assert.Equal(new MonthYearAnswer(1985, 8), Accepted(Parse(QuestionType.BirthDate, text)));

    [Theory]
    [InlineData("5/2021", "Bulan tidak boleh sesudah bulan pendataan (April 2021).")]
    [InlineData("16-04-2021", "Tanggal tidak boleh sesudah hari pendataan (15 April 2021).")]
    [InlineData("1/1899", "Tahun harus 1900 atau sesudahnya.")]
    [InlineData("besok", Texts.BirthDateUnrecognised)]
    public void BirthDatesAreRefusedLikeDates(string text, string message) =>
        Assert.Equal(message, Refused(Parse(QuestionType.BirthDate, text)));

    [Theory]
    [InlineData("3/2021", 2021, 3)]
    [InlineData("03-2021", 2021, 3)]
    [InlineData("Maret 2021", 2021, 3)]
    [InlineData("mar 21", 2021, 3)]
    [InlineData("apr 21", 2021, 4)]
    [InlineData("januari 1950", 1950, 1)]
    [InlineData("2021-03", 2021, 3)]
    public void MonthYearsTakeNumbersOrMonthNames(string text, int year, int month) =>
        Assert.Equal(new MonthYearAnswer(year, month), Accepted(Parse(QuestionType.MonthYear, text)));

    [Theory]
    [InlineData("5/2021", "Bulan tidak boleh sesudah bulan pendataan (April 2021).")]
    [InlineData("12/1949", Texts.MonthYearBefore1950)]
    [InlineData("mei 21", Texts.MonthYearBefore1950)]
    [InlineData("13/2020", Texts.MonthYearUnrecognised)]
    [InlineData("17-08-1985", Texts.MonthYearUnrecognised)]
    [InlineData("lupa", Texts.MonthYearUnrecognised)]
    public void MonthYearsAfterTheInterviewOrBefore1950AreRefused(string text, string message) =>
        Assert.Equal(message, Refused(Parse(QuestionType.MonthYear, text)));
}
