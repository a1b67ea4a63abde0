using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

/// <summary>A month and year: a KB start month, or a birth date whose day is not known.</summary>
public sealed record MonthYearAnswer(int Year, int Month) : AnswerValue
{
    /// <summary>Expressions see the first day of the month (ages come out conservative by under a month).</summary>
    [JsonIgnore] public override object ExpressionValue => new DateTime(Year, Month, 1);
    [JsonIgnore] public override object RecordValue => $"{Year:D4}-{Month:D2}";
    public override string ToString() => $"{IndonesianCalendar.MonthName(Month)} {Year}";
}
