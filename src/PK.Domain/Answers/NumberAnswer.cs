using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

public sealed record NumberAnswer(long Value) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => Value;
    [JsonIgnore] public override object RecordValue => Value;
    public override string ToString() => Value.ToString("#,0", Texts.Indonesian);
}
