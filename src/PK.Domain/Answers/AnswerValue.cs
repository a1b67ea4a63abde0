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
    // The two values below are derived from the answer's own fields, so they are not stored ([JsonIgnore] on each
    // override: System.Text.Json reads the attribute where the property is declared last). Stored JSON written
    // before holds them too; reading skips them, and code that predates the change never read them back.

    /// <summary>The value an expression sees: long, string, DateTime, or int[] for several choices.</summary>
    [JsonIgnore]
    public abstract object ExpressionValue { get; }

    /// <summary>The value as written into the forwarded record (JSON-friendly: number, string, array).</summary>
    [JsonIgnore]
    public abstract object RecordValue { get; }
}
