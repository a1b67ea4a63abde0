using PK.Domain.People;

namespace PK.Domain.Tests;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("081312345678")]
    [InlineData("81312345678")]
    [InlineData("+6281312345678")]
    [InlineData("6281312345678")]
    [InlineData("0813-1234-5678")]
    [InlineData("+62 813 1234 5678")]
    public void EveryIndonesianFormNormalisesToTheSameNumber(string text)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone));
        Assert.Equal("6281312345678", phone.Digits);
        Assert.Equal("081312345678", phone.Local);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("0813abc45678")]
    [InlineData("0000000000")]
    [InlineData("08131234567890123")]
    public void NonsenseIsNotAPhoneNumber(string text) => Assert.False(PhoneNumber.TryParse(text, out _));

    [Fact]
    public void TheMaskedFormKeepsOnlyTheEnds() =>
        Assert.Equal("62813*****678", PhoneNumber.Parse("081312345678").Masked);
}
