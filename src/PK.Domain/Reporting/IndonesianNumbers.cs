using System.Globalization;
using PK.Domain.Answers;
using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>Numbers, percentages, dates and ages as an Indonesian reader writes them: 302.000 · 25,0% · 14 April 2026.</summary>
public static class IndonesianNumbers
{
    // Built by hand so the format does not depend on the machine's ICU data (invariant globalization mode).
    private static readonly NumberFormatInfo Format = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    public static string Count(long value) => value.ToString("#,0", Format);

    /// <summary>One decimal, e.g. <c>25,0%</c>.</summary>
    public static string Percent(decimal value) => value.ToString("#,0.0", Format) + "%";

    public static string Date(DateOnly date) => IndonesianCalendar.Format(date);

    public static string Zone(IndonesianTimeZone zone) => zone.ToString().ToUpperInvariant();

    /// <summary>A wait, coarsely: "45 menit", "5 jam", "2 hari 3 jam".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        if (age.TotalHours < 1) return $"{(int)age.TotalMinutes} menit";
        if (age.TotalDays < 1) return $"{(int)age.TotalHours} jam";
        return age.Hours == 0 ? $"{age.Days} hari" : $"{age.Days} hari {age.Hours} jam";
    }
}
