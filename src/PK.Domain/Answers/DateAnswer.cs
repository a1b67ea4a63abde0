using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

public sealed record DateAnswer(DateOnly Value) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => Value.ToDateTime(TimeOnly.MinValue);
    [JsonIgnore] public override object RecordValue => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public override string ToString() => IndonesianCalendar.Format(Value);
}
