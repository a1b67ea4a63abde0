using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

public sealed record ChoiceAnswer(int Code) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => (long)Code;
    [JsonIgnore] public override object RecordValue => Code;
    public override string ToString() => Code.ToString(CultureInfo.InvariantCulture);
}
