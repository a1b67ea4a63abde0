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

public sealed record NumberAnswer(long Value) : AnswerValue
{
    public override object ExpressionValue => Value;
    public override object RecordValue => Value;
    public override string ToString() => Value.ToString("#,0", CultureInfo.GetCultureInfo("id-ID"));
}

/// <summary>A number with a fractional part (a decimal question: "12,5").</summary>
public sealed record DecimalAnswer(decimal Value) : AnswerValue
{
    public override object ExpressionValue => Value;
    public override object RecordValue => Value;
    public override string ToString() => Value.ToString("#,0.##########", CultureInfo.GetCultureInfo("id-ID"));
}

public sealed record TextAnswer(string Value) : AnswerValue
{
    public override object ExpressionValue => Value;
    public override object RecordValue => Value;
    public override string ToString() => Value;
}

public sealed record DateAnswer(DateOnly Value) : AnswerValue
{
    public override object ExpressionValue => Value.ToDateTime(TimeOnly.MinValue);
    public override object RecordValue => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public override string ToString() => IndonesianCalendar.Format(Value);
}

/// <summary>A month and year: a KB start month, or a birth date whose day is not known.</summary>
public sealed record MonthYearAnswer(int Year, int Month) : AnswerValue
{
    /// <summary>Expressions see the first day of the month (ages come out conservative by under a month).</summary>
    public override object ExpressionValue => new DateTime(Year, Month, 1);
    public override object RecordValue => $"{Year:D4}-{Month:D2}";
    public override string ToString() => $"{IndonesianCalendar.MonthName(Month)} {Year}";
}

public sealed record ChoiceAnswer(int Code) : AnswerValue
{
    public override object ExpressionValue => (long)Code;
    public override object RecordValue => Code;
    public override string ToString() => Code.ToString(CultureInfo.InvariantCulture);
}

public sealed record MultiChoiceAnswer : AnswerValue
{
    [JsonConstructor]
    public MultiChoiceAnswer(IReadOnlyList<int> codes) => Codes = codes.Distinct().Order().ToArray();

    public MultiChoiceAnswer(IEnumerable<int> codes) : this(codes.ToArray()) { }

    public IReadOnlyList<int> Codes { get; }
    public override object ExpressionValue => Codes.Select(c => (long)c).ToArray();
    public override object RecordValue => Codes;
    public bool Equals(MultiChoiceAnswer? other) => other is not null && Codes.SequenceEqual(other.Codes);
    public override int GetHashCode() => Codes.Aggregate(17, (h, c) => h * 31 + c);
    public override string ToString() => string.Join(",", Codes);
}

/// <summary>A member's NIK, or <c>null</c> when the member has none yet ("belum ada").</summary>
public sealed record NikAnswer(string? Nik) : AnswerValue
{
    public override object ExpressionValue => Nik ?? "";
    public override object RecordValue => Nik ?? "";

    /// <summary>Masked for chat and logs: <c>3313********0002</c>.</summary>
    public string Masked => Nik is null ? Texts.NikNone : Nik[..4] + new string('*', 8) + Nik[^4..];
    public override string ToString() => Masked;
}

/// <summary>A phone number as E.164 digits without the plus.</summary>
public sealed record PhoneAnswer(string Digits) : AnswerValue
{
    public override object ExpressionValue => Digits;
    public override object RecordValue => Digits;
    public override string ToString() => "0" + Digits[2..];
}
