using System.Text.RegularExpressions;

namespace PK.Bot.Logging;

/// <summary>Masks what must never reach a log: a 16-digit number (a NIK) and Indonesian phone numbers.</summary>
public static partial class PrivacyMask
{
    // A NIK: 16 digits not part of a longer number; keep the kabupaten (4) and the last 4.
    [GeneratedRegex(@"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")]
    private static partial Regex Nik();

    // 08…, 62…, +62… with 7–12 further digits, spaces/dashes/dots allowed between groups.
    [GeneratedRegex(@"(?<![\d\w])(?:\+62|62|0)[\s.-]?8(?:[\s.-]?\d){6,11}(?!\d)")]
    private static partial Regex Phone();

    public static string Apply(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('0', '9')) return text;
        var masked = Nik().Replace(text, m => m.Groups[1].Value + "********" + m.Groups[2].Value);
        masked = Phone().Replace(masked, m => MaskPhone(m.Value));
        return masked == text ? text : masked;
    }

    private static string MaskPhone(string phone)
    {
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        var kept = new string(digits[^3..]);
        return (phone.StartsWith('+') ? "+" : "") + new string(digits[..Math.Min(4, digits.Length - 3)]) + "****" + kept;
    }
}
