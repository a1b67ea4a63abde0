namespace PK.Domain.Forms;

/// <summary>Question types: XLSForm's, plus the census' own (nik, phone, name, birth_date, month_year).</summary>
public enum QuestionType
{
    Integer,
    Decimal,
    Text,
    Name,
    Date,
    /// <summary>A date, or month and year when the day is not known.</summary>
    BirthDate,
    MonthYear,
    SelectOne,
    SelectMultiple,
    Nik,
    Phone,
    Calculate,
    Note,
}

/// <summary>One option of a choice list: its official code and its label.</summary>
public sealed record Choice(int Code, string Label, IReadOnlyList<string>? Synonyms = null);

/// <summary>An inclusive integer range for number questions.</summary>
public sealed record IntegerRange(long Min, long Max);

/// <summary>What a parser needs beyond the text: the interview's date (for two-digit years and future dates).</summary>
public sealed record ParseContext(DateOnly InterviewDate);
