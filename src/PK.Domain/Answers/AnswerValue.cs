using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

/// <summary>A typed answer to one question, as stored and as forwarded (codes, not labels).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t")]
[JsonDerivedType(typeof(NumberAnswer), "n")]
[JsonDerivedType(typeof(DecimalAnswer), "x")]
[JsonDerivedType(typeof(TextAnswer), "s")]
[JsonDerivedType(typeof(DateAnswer), "d")]
[JsonDerivedType(typeof(MonthYearAnswer), "m")]
[JsonDerivedType(typeof(ChoiceAnswer), "c")]
[JsonDerivedType(typeof(MultiChoiceAnswer), "mc")]
[JsonDerivedType(typeof(NikAnswer), "nik")]
[JsonDerivedType(typeof(PhoneAnswer), "p")]
public abstract record AnswerValue
{
    /// <summary>The value an expression sees: long, string, DateTime, or int[] for several choices.</summary>
    public abstract object ExpressionValue { get; }

    /// <summary>The value as written into the forwarded record (JSON-friendly: number, string, array).</summary>
    public abstract object RecordValue { get; }
}
