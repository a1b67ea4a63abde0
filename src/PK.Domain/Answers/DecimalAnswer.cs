using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

/// <summary>A number with a fractional part (a decimal question: "12,5").</summary>
public sealed record DecimalAnswer(decimal Value) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => Value;
    [JsonIgnore] public override object RecordValue => Value;
    public override string ToString() => Value.ToString("#,0.##########", Texts.Indonesian);
}
