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
