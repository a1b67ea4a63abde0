using System.Globalization;
using System.Text.RegularExpressions;
using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>Column checks the roster and the targets import share.</summary>
internal static partial class ImportValues
{
    public const string Code = "kode_wilayah";
    public const string Target = "target_keluarga";

    /// <summary>An existing region, or the reason the value is not one.</summary>
    public static RegionCode? ParseRegion(ImportRow row, RegionDirectory regions, List<RosterProblem> problems)
    {
        var text = row[Code];
        if (text.Length == 0)
            problems.Add(new(row.LineNumber, Texts.ImportValueMissing(Code)));
        else if (!RegionCode.TryParse(text, out var code))
            problems.Add(new(row.LineNumber, Texts.ImportCodeInvalid(Reveal(text))));
        else if (!regions.Exists(code))
            problems.Add(new(row.LineNumber, Texts.ImportCodeUnknown(Reveal(text))));
        else
            return code;
        return null;
    }

    /// <summary>A target of zero or more families; empty is <c>null</c>.</summary>
    public static bool TryParseTarget(ImportRow row, List<RosterProblem> problems, out int? target)
    {
        target = null;
        var text = row[Target];
        if (text.Length == 0) return true;
        if (text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            target = value;
            return true;
        }
        problems.Add(new(row.LineNumber, Texts.ImportTargetInvalid(Reveal(text))));
        return false;
    }

    /// <summary>
    /// A typed value safe to repeat in a reason: anything with a letter may be a name and is not
    /// repeated (null); seven or more digits may be a phone number and are masked, unless shaped
    /// like a dotted region code.
    /// </summary>
    public static string? Reveal(string text)
    {
        if (text.Any(char.IsLetter) || text.Length > 30) return null;
        if (text.Count(char.IsAsciiDigit) < 7 || DottedCode().IsMatch(text)) return text;
        return text[..4] + new string('*', text.Length - 6) + text[^2..];
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$")]
    private static partial Regex DottedCode();
}
