using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class PhoneParsingTests
{
    [Theory]
    [InlineData("081312345678")]
    [InlineData("+62 813-1234-5678")]
    [InlineData("6281312345678")]
    [InlineData(" 0813.1234.5678 ")]
    public void IndonesianPhoneNumbersAreStoredAsE164Digits(string text) =>
        Assert.Equal(new PhoneAnswer("6281312345678"), Accepted(Parse(QuestionType.Phone, text)));

    [Theory]
    [InlineData("")]
    [InlineData("tidak ada")]
    [InlineData("0813")]
    [InlineData("08131234567890")]
    [InlineData("0813-abcd-5678")]
    public void AnythingElseIsRefused(string text) =>
        Assert.Equal(Texts.PhoneInvalid, Refused(Parse(QuestionType.Phone, text)));
}
