using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class NikTests
{
    private const string Man = "3313011708850002";
    private const string Woman = "3313015708850002";

    private static Nik Valid(string text)
    {
        Assert.True(Nik.TryParse(text, out var nik, out var error), error);
        Assert.Null(error);
        return nik;
    }

    [Theory]
    [InlineData(Man)]
    [InlineData("3313 0117 0885 0002")]
    [InlineData("3313.01.170885.0002")]
    [InlineData("33-13-01-170885-0002")]
    [InlineData(" 3313011708850002 ")]
    public void SixteenDigitsWithSpacesDotsOrDashesAreANik(string text) => Assert.Equal(Man, Valid(text).Value);

    [Fact]
    public void ANikTellsWhereAndWhenItsHolderWasFirstRegistered()
    {
        var nik = Valid(Man);
        Assert.Equal("33", nik.ProvinceCode);
        Assert.Equal("331301", nik.RegionPrefix);
        Assert.False(nik.IsFemale);
        Assert.Equal(17, nik.BirthDay);
        Assert.Equal(8, nik.BirthMonth);
        Assert.Equal(85, nik.BirthYearTwoDigits);
        Assert.Equal(new DateOnly(1985, 8, 17), nik.BirthDateNear(InterviewDate));
    }

    [Fact]
    public void WomenHaveFortyAddedToTheirBirthDay()
    {
        var nik = Valid(Woman);
        Assert.True(nik.IsFemale);
        Assert.Equal(17, nik.BirthDay);
    }

    [Theory]
    [InlineData("3313011504210001", 2021)]
    [InlineData("3313011604210001", 1921)]
    [InlineData("3313010101000001", 2000)]
    [InlineData("3313013112990001", 1999)]
    public void TheTwoDigitBirthYearIsTheLatestNotAfterTheInterview(string text, int year) =>
        Assert.Equal(year, Valid(text).BirthDateNear(InterviewDate)?.Year);

    [Theory]
    [InlineData("3313012902010001")]
    [InlineData("3313016902010001")]
    public void ALeapDayInACommonYearHasNoBirthDate(string text) => Assert.Null(Valid(text).BirthDateNear(InterviewDate));

    [Fact]
    public void ALeapDayIsAValidNik() => Assert.Equal(new DateOnly(2000, 2, 29), Valid("3313012902000001").BirthDateNear(InterviewDate));

    [Fact]
    public void TheMaskedFormKeepsTheFirstAndLastFourDigits()
    {
        Assert.Equal("3313********0002", Valid(Man).Masked);
        Assert.Equal("3313********0002", Valid(Man).ToString());
    }

    [Theory]
    [InlineData("331301170885000", "NIK harus 16 angka; yang Anda kirim 15 angka.")]
    [InlineData("33130117088500021", "NIK harus 16 angka; yang Anda kirim 17 angka.")]
    [InlineData("", "NIK harus 16 angka; yang Anda kirim 0 angka.")]
    [InlineData("3313O11708850002", Texts.NikDigitsOnly)]
    [InlineData("NIK 3313011708850002", Texts.NikDigitsOnly)]
    [InlineData("9913011708850002", "NIK tidak valid: kode provinsi 99 tidak dikenal.")]
    [InlineData("2013011708850002", "NIK tidak valid: kode provinsi 20 tidak dikenal.")]
    [InlineData("3313010008850002", Texts.NikDayInvalid)]
    [InlineData("3313013208850002", Texts.NikDayInvalid)]
    [InlineData("3313014008850002", Texts.NikDayInvalid)]
    [InlineData("3313017208850002", Texts.NikDayInvalid)]
    [InlineData("3313011700850002", Texts.NikMonthInvalid)]
    [InlineData("3313011713850002", Texts.NikMonthInvalid)]
    [InlineData("3313013002850002", "NIK tidak valid: tanggal lahir 30 Februari tidak ada.")]
    [InlineData("3313017102850002", "NIK tidak valid: tanggal lahir 31 Februari tidak ada.")]
    [InlineData("3313013104850002", "NIK tidak valid: tanggal lahir 31 April tidak ada.")]
    [InlineData("3313011708850000", Texts.NikSerialZero)]
    public void EachWayANikCanBeWrongHasItsOwnMessage(string text, string message)
    {
        Assert.False(Nik.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Refused(Parse(QuestionType.Nik, text)));
    }

    [Theory]
    [InlineData("belum ada")]
    [InlineData("Belum Ada")]
    [InlineData("blm ada")]
    [InlineData("belum punya")]
    [InlineData("tidak ada")]
    [InlineData("-")]
    [InlineData(" - ")]
    public void AMemberWithoutANikIsRecordedAsBelumAda(string text) =>
        Assert.Equal(new NikAnswer(null), Accepted(Parse(QuestionType.Nik, text)));

    [Fact]
    public void AValidNikIsStoredAsItsDigits() =>
        Assert.Equal(new NikAnswer(Man), Accepted(Parse(QuestionType.Nik, "3313 0117 0885 0002")));
}
