using System.Globalization;

namespace PK.Domain.Answers;

/// <summary>
/// A valid NIK (<c>PP KK CC DDMMYY SSSS</c>: region, birth date with 40 added to the day for women, serial): built only through <see cref="TryParse"/>.
/// Keep it out of logs; <see cref="ToString"/> gives the masked form.
/// </summary>
public readonly record struct Nik
{
    private Nik(string value) => Value = value;

    /// <summary>The 16 digits.</summary>
    public string Value { get; }

    /// <summary>Province of first registration, e.g. <c>33</c>.</summary>
    public string ProvinceCode => Value[..2];

    /// <summary>Province, kab/kota and kecamatan of first registration: <c>331301</c>.</summary>
    public string RegionPrefix => Value[..6];

    /// <summary>Women have 40 added to their birth day.</summary>
    public bool IsFemale => RawDay > 40;

    public int? BirthDay => IsFemale ? RawDay - 40 : RawDay;

    public int BirthMonth => Digits(8, 2);

    public int BirthYearTwoDigits => Digits(10, 2);

    /// <summary>Shown in chat and logs: <c>3313********0002</c>.</summary>
    public string Masked => Value[..4] + new string('*', 8) + Value[^4..];

    private int RawDay => Digits(6, 2);

    /// <summary>The birth date with the two-digit year taken as the latest year not after <paramref name="interviewDate"/>; null when that date does not exist (29 February of a common year).</summary>
    public DateOnly? BirthDateNear(DateOnly interviewDate)
    {
        var day = BirthDay!.Value;
        var year = interviewDate.Year / 100 * 100 + BirthYearTwoDigits;
        if ((year, BirthMonth, day).CompareTo((interviewDate.Year, interviewDate.Month, interviewDate.Day)) > 0) year -= 100;
        if (year < 1 || day > DateTime.DaysInMonth(year, BirthMonth)) return null;
        return new DateOnly(year, BirthMonth, day);
    }

    /// <summary>Accepts 16 digits, also written with spaces, dots or dashes; <paramref name="error"/> says what is wrong, in Bahasa Indonesia.</summary>
    public static bool TryParse(string? text, out Nik nik, out string? error)
    {
        nik = default;
        error = Validate(text, out var digits);
        if (error is not null) return false;
        nik = new Nik(digits);
        return true;
    }

    public override string ToString() => Masked;

    private int Digits(int start, int length) =>
        int.Parse(Value.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string? Validate(string? text, out string digits)
    {
        digits = "";
        var kept = new System.Text.StringBuilder();
        foreach (var c in InputText.Clean(text))
        {
            if (c is ' ' or '.' or '-') continue;
            if (!char.IsAsciiDigit(c)) return Texts.NikDigitsOnly;
            // Enough to report the count without copying a pasted novel.
            if (kept.Length < 100) kept.Append(c);
        }
        if (kept.Length != 16) return Texts.NikWrongLength(kept.Length);
        digits = kept.ToString();
        var value = new Nik(digits);
        if (!Regions.Provinces.IsKnown(value.ProvinceCode)) return Texts.NikUnknownProvince(value.ProvinceCode);
        if (value.RawDay is not (>= 1 and <= 31 or >= 41 and <= 71)) return Texts.NikDayInvalid;
        if (value.BirthMonth is < 1 or > 12) return Texts.NikMonthInvalid;
        // 2000 is a leap year, so any day a month can ever have is accepted (29 February too).
        if (value.BirthDay > DateTime.DaysInMonth(2000, value.BirthMonth))
            return Texts.NikDateDoesNotExist(value.BirthDay!.Value, value.BirthMonth);
        if (value.Value[^4..] == "0000") return Texts.NikSerialZero;
        return null;
    }
}
