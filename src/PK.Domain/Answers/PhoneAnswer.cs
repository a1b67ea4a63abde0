using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

/// <summary>A phone number as E.164 digits without the plus.</summary>
public sealed record PhoneAnswer(string Digits) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => Digits;
    [JsonIgnore] public override object RecordValue => Digits;
    public override string ToString() => "0" + Digits[2..];
}
