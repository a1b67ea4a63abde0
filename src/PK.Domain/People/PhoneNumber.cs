using System.Text;

namespace PK.Domain.People;

/// <summary>An Indonesian phone number normalised to E.164 digits without the plus (<c>62813…</c>).</summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string digits) => Digits = digits;

    /// <summary>Country code and subscriber number, digits only, e.g. <c>6281312345678</c>.</summary>
    public string Digits { get; }

    /// <summary>The local form a kader recognises, e.g. <c>081312345678</c>.</summary>
    public string Local => "0" + Digits[2..];

    /// <summary>The number with its last three digits kept, for logs and listings: <c>62813******678</c>.</summary>
    public string Masked => Digits[..5] + new string('*', Digits.Length - 8) + Digits[^3..];

    public override string ToString() => "+" + Digits;

    /// <summary>Accepts <c>0813…</c>, <c>813…</c>, <c>+62813…</c>, <c>62813…</c>, with spaces, dots or dashes.</summary>
    public static bool TryParse(string? text, out PhoneNumber phone)
    {
        phone = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var digits = new StringBuilder();
        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c == '+' && i == 0) continue;
            else if (c is ' ' or '-' or '.' or '(' or ')') continue;
            else return false;
        }
        var d = digits.ToString();
        if (d.StartsWith("62")) d = d[2..];
        else if (d.StartsWith('0')) d = d[1..];
        // Indonesian subscriber numbers: mobile 8xx (9–12 digits), landlines with area code (7–11 digits).
        if (d.Length < 7 || d.Length > 12 || d[0] == '0') return false;
        phone = new PhoneNumber("62" + d);
        return true;
    }

    public static PhoneNumber Parse(string text) =>
        TryParse(text, out var phone) ? phone : throw new FormatException("Not an Indonesian phone number.");
}
