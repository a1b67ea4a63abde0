using PK.Domain.Regions;

namespace PK.Domain.Tests.Regions;

public class RegionCodeTests
{
    [Theory]
    [InlineData("33", "33", "33", RegionLevel.Provinsi)]
    [InlineData("33.13", "33.13", "3313", RegionLevel.Kabupaten)]
    [InlineData("3313", "33.13", "3313", RegionLevel.Kabupaten)]
    [InlineData("33.13.01", "33.13.01", "331301", RegionLevel.Kecamatan)]
    [InlineData("331301", "33.13.01", "331301", RegionLevel.Kecamatan)]
    [InlineData("33.13.01.2001", "33.13.01.2001", "3313012001", RegionLevel.Desa)]
    [InlineData("3313012001", "33.13.01.2001", "3313012001", RegionLevel.Desa)]
    [InlineData(" 33.13.09.1001 ", "33.13.09.1001", "3313091001", RegionLevel.Desa)]
    public void DottedAndPlainFormsGiveTheSameCode(string text, string dotted, string plain, RegionLevel level)
    {
        Assert.True(RegionCode.TryParse(text, out var code));
        Assert.Equal(dotted, code.Dotted);
        Assert.Equal(plain, code.Plain);
        Assert.Equal(level, code.Level);
        Assert.Equal(dotted, code.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("331")]
    [InlineData("33131")]
    [InlineData("33131201")]
    [InlineData("33.1")]
    [InlineData("33.13.1.2001")]
    [InlineData("33.13.01.201")]
    [InlineData("33.13.01.2001.1")]
    [InlineData("33..13")]
    [InlineData("33.13.")]
    [InlineData("33-13")]
    [InlineData("33.1a")]
    [InlineData("20")]
    [InlineData("00.13")]
    [InlineData("33.00")]
    [InlineData("33.13.00")]
    [InlineData("33.13.01.0000")]
    [InlineData("08131234567")]
    public void NonsenseAndUnknownProvincesAreNotCodes(string? text) => Assert.False(RegionCode.TryParse(text, out _));

    [Fact]
    public void ParentsClimbToTheProvince()
    {
        var desa = RegionCode.Parse("33.13.01.2001");
        Assert.Equal(RegionCode.Parse("33.13.01"), desa.Parent);
        Assert.Equal(RegionCode.Parse("33.13"), desa.Parent!.Value.Parent);
        Assert.Equal(RegionCode.Parse("33"), desa.Parent!.Value.Parent!.Value.Parent);
        Assert.Null(RegionCode.Parse("33").Parent);
        Assert.Equal("33", desa.ProvinceCode);
    }

    [Theory]
    [InlineData("33.13", "33.13", true)]
    [InlineData("33.13", "33.13.01", true)]
    [InlineData("33.13", "33.13.01.2001", true)]
    [InlineData("33", "33.13.09.1001", true)]
    [InlineData("33.13.01", "33.13", false)]
    [InlineData("33.13", "33.14.01", false)]
    [InlineData("33.13.01", "33.13.10.2001", false)]
    public void AnAreaContainsItselfAndWhatIsInsideIt(string area, string other, bool contains) =>
        Assert.Equal(contains, RegionCode.Parse(area).Contains(RegionCode.Parse(other)));

    [Theory]
    [InlineData("33.13.01.2001", IndonesianTimeZone.Wib)]
    [InlineData("51", IndonesianTimeZone.Wita)]
    [InlineData("73.71", IndonesianTimeZone.Wita)]
    [InlineData("81", IndonesianTimeZone.Wit)]
    [InlineData("94", IndonesianTimeZone.Wit)]
    [InlineData("64", IndonesianTimeZone.Wita)]
    [InlineData("61", IndonesianTimeZone.Wib)]
    public void ACodeKeepsItsProvincesTimeZone(string text, IndonesianTimeZone zone) =>
        Assert.Equal(zone, RegionCode.Parse(text).TimeZone);

    [Fact]
    public void CodesAreEqualWhateverFormTheyWereTypedIn() =>
        Assert.Equal(RegionCode.Parse("3313012001"), RegionCode.Parse("33.13.01.2001"));
}
