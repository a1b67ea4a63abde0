namespace PK.Domain.Answers;

/// <summary>Indonesian month names for display (parsing lives with the date parser).</summary>
public static class IndonesianCalendar
{
    public static readonly string[] Months =
    [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ];

    public static string MonthName(int month) => Months[month - 1];

    public static string Format(DateOnly date) => $"{date.Day} {MonthName(date.Month)} {date.Year}";
}
