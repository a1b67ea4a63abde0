using System.Globalization;
using System.Text;

namespace PK.Domain.Answers;

/// <summary>Dates as kader type them: 17-08-1985, 17/8/85, 17 Agustus 1985, 17 agt 85, 1985-08-17, and month + year.</summary>
internal static class DateParser
{
    private const int EarliestYear = 1900;
    private const int EarliestMonthYear = 1950;

    private static readonly Dictionary<string, int> Abbreviations = new()
    {
        ["agt"] = 8, ["ags"] = 8, ["agst"] = 8, ["sept"] = 9, ["nop"] = 11, ["peb"] = 2, ["mei"] = 5, ["may"] = 5,
    };

    // Full names, Indonesian (with the older spellings Pebruari and Nopember) and English.
    private static readonly (string Name, int Month)[] Names =
    [
        ("januari", 1), ("februari", 2), ("pebruari", 2), ("maret", 3), ("april", 4), ("mei", 5),
        ("juni", 6), ("juli", 7), ("agustus", 8), ("september", 9), ("oktober", 10), ("november", 11),
        ("nopember", 11), ("desember", 12),
        ("january", 1), ("february", 2), ("march", 3), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("october", 10), ("december", 12),
    ];

    public static ParseResult ParseDate(string cleaned, DateOnly interviewDate) =>
        Parse(cleaned, interviewDate, allowMonthYear: false, Texts.DateUnrecognised);

    public static ParseResult ParseBirthDate(string cleaned, DateOnly interviewDate) =>
        Parse(cleaned, interviewDate, allowMonthYear: true, Texts.BirthDateUnrecognised);

    public static ParseResult ParseMonthYear(string cleaned, DateOnly interviewDate)
    {
        var tokens = Tokens(cleaned);
        if (tokens is null || !TryMonthYear(tokens, out var month, out var year, out var twoDigitYear))
            return new ParseResult.Refused(Texts.MonthYearUnrecognised);
        return CheckMonthYear(month, year, twoDigitYear, interviewDate, EarliestMonthYear, Texts.MonthYearBefore1950);
    }

    /// <summary>Month from a name or abbreviation ("agt", "Agustus", "febuari"), case already folded.</summary>
    internal static int? MonthFromName(string token)
    {
        if (Abbreviations.TryGetValue(token, out var m)) return m;
        if (token.Length < 3) return null;
        var byPrefix = Names.Where(n => n.Name.StartsWith(token, StringComparison.Ordinal)).Select(n => n.Month).Distinct().ToArray();
        if (byPrefix.Length == 1) return byPrefix[0];
        if (byPrefix.Length > 1 || token.Length < 5) return null;
        // One slip in a long name ("febuari", "agutus") is still clearly that month.
        var byTypo = Names.Where(n => Fuzzy.Distance(token, n.Name) <= 1).Select(n => n.Month).Distinct().ToArray();
        return byTypo.Length == 1 ? byTypo[0] : null;
    }

    private static ParseResult Parse(string cleaned, DateOnly interviewDate, bool allowMonthYear, string unrecognised)
    {
        var tokens = Tokens(cleaned);
        if (tokens is null) return new ParseResult.Refused(unrecognised);
        if (tokens.Count == 3 && TryDayMonthYear(tokens, out var day, out var month, out var year, out var twoDigitYear))
            return CheckDate(day, month, year, twoDigitYear, interviewDate);
        if (allowMonthYear && TryMonthYear(tokens, out month, out year, out twoDigitYear))
            return CheckMonthYear(month, year, twoDigitYear, interviewDate, EarliestYear, Texts.DateBefore1900);
        return new ParseResult.Refused(unrecognised);
    }

    private static ParseResult CheckDate(int day, int month, int year, bool twoDigitYear, DateOnly interviewDate)
    {
        if (twoDigitYear)
        {
            year += interviewDate.Year / 100 * 100;
            if ((year, month, day).CompareTo((interviewDate.Year, interviewDate.Month, interviewDate.Day)) > 0) year -= 100;
        }
        if (year < EarliestYear) return new ParseResult.Refused(Texts.DateBefore1900);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            return new ParseResult.Refused(Texts.DateDoesNotExist(day, month, year));
        var date = new DateOnly(year, month, day);
        if (date > interviewDate) return new ParseResult.Refused(Texts.DateAfterInterview(interviewDate));
        return new ParseResult.Accepted(new DateAnswer(date));
    }

    private static ParseResult CheckMonthYear(
        int month, int year, bool twoDigitYear, DateOnly interviewDate, int earliest, string tooEarly)
    {
        if (twoDigitYear)
        {
            year += interviewDate.Year / 100 * 100;
            if ((year, month).CompareTo((interviewDate.Year, interviewDate.Month)) > 0) year -= 100;
        }
        if (year < earliest) return new ParseResult.Refused(tooEarly);
        if ((year, month).CompareTo((interviewDate.Year, interviewDate.Month)) > 0)
            return new ParseResult.Refused(Texts.MonthYearAfterInterview(interviewDate));
        return new ParseResult.Accepted(new MonthYearAnswer(year, month));
    }

    private static bool TryDayMonthYear(List<string> t, out int day, out int month, out int year, out bool twoDigitYear)
    {
        day = month = year = 0;
        twoDigitYear = false;
        // ISO order: 1985-08-17.
        if (IsNumber(t[0], 4, 4) && IsNumber(t[1], 1, 2) && IsNumber(t[2], 1, 2))
        {
            year = Number(t[0]);
            month = Number(t[1]);
            day = Number(t[2]);
            return month is >= 1 and <= 12;
        }
        if (!IsNumber(t[0], 1, 2) || !TryMonth(t[1], out month) || !TryYear(t[2], out year, out twoDigitYear)) return false;
        day = Number(t[0]);
        return true;
    }

    private static bool TryMonthYear(List<string> t, out int month, out int year, out bool twoDigitYear)
    {
        month = year = 0;
        twoDigitYear = false;
        if (t.Count != 2) return false;
        // ISO order: 2021-03.
        if (IsNumber(t[0], 4, 4) && IsNumber(t[1], 1, 2))
        {
            year = Number(t[0]);
            month = Number(t[1]);
            return month is >= 1 and <= 12;
        }
        return TryMonth(t[0], out month) && TryYear(t[1], out year, out twoDigitYear);
    }

    private static bool TryMonth(string token, out int month)
    {
        month = 0;
        if (IsNumber(token, 1, 2))
        {
            month = Number(token);
            return month is >= 1 and <= 12;
        }
        if (MonthFromName(token) is not { } m) return false;
        month = m;
        return true;
    }

    private static bool TryYear(string token, out int year, out bool twoDigits)
    {
        twoDigits = token.Length == 2;
        year = 0;
        if (!IsNumber(token, 2, 2) && !IsNumber(token, 4, 4)) return false;
        year = Number(token);
        return true;
    }

    /// <summary>Folded words, with letters and digits split apart ("17agt85" → 17, agt, 85); null when hopeless.</summary>
    private static List<string>? Tokens(string cleaned)
    {
        if (cleaned.Length == 0 || cleaned.Length > 40) return null;
        var folded = InputText.Fold(cleaned);
        var sb = new StringBuilder(folded.Length + 4);
        for (var i = 0; i < folded.Length; i++)
        {
            if (i > 0 && folded[i] != ' ' && folded[i - 1] != ' ' && char.IsAsciiDigit(folded[i]) != char.IsAsciiDigit(folded[i - 1]))
                sb.Append(' ');
            sb.Append(folded[i]);
        }
        var tokens = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return tokens.Count is 2 or 3 ? tokens : null;
    }

    private static bool IsNumber(string token, int minLength, int maxLength) =>
        token.Length >= minLength && token.Length <= maxLength && InputText.IsAsciiDigits(token);

    private static int Number(string token) => int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
}
