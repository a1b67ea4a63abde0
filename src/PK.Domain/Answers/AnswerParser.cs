using System.Globalization;
using System.Text;
using PK.Domain.Forms;
using PK.Domain.People;

namespace PK.Domain.Answers;

/// <summary>Turns what a kader typed into a typed answer, or one short sentence saying what is expected. Never throws.</summary>
public static class AnswerParser
{
    private const int MaxText = 200;
    private const int MaxName = 100;

    private static readonly HashSet<string> NoNikYet =
        ["belum ada", "blm ada", "belum punya", "blm punya", "tidak ada", "tdk ada", "belum", "blm"];

    /// <param name="choices">The item's list for SelectOne/SelectMultiple, else null.</param>
    /// <param name="range">The allowed range for Integer/Decimal, else null.</param>
    public static ParseResult Parse(
        QuestionType type, string text, IReadOnlyList<Choice>? choices, IntegerRange? range, ParseContext context)
    {
        var cleaned = InputText.Clean(text);
        return type switch
        {
            QuestionType.Integer => ParseInteger(cleaned, range),
            QuestionType.Decimal => ParseDecimal(cleaned, range),
            QuestionType.Text => ParseText(cleaned),
            QuestionType.Name => ParseName(cleaned),
            QuestionType.Date => DateParser.ParseDate(cleaned, context.InterviewDate),
            QuestionType.BirthDate => DateParser.ParseBirthDate(cleaned, context.InterviewDate),
            QuestionType.MonthYear => DateParser.ParseMonthYear(cleaned, context.InterviewDate),
            QuestionType.SelectOne => ChoiceParser.ParseOne(cleaned, choices),
            QuestionType.SelectMultiple => ChoiceParser.ParseMany(cleaned, choices),
            QuestionType.Nik => ParseNik(cleaned),
            QuestionType.Phone => ParsePhone(cleaned),
            _ => new ParseResult.Refused(Texts.NotAnswerable),
        };
    }

    private static ParseResult ParseInteger(string cleaned, IntegerRange? range)
    {
        var digits = cleaned.StartsWith('-') ? cleaned[1..] : cleaned;
        if (digits.Length > 0 && digits.Length <= 30 && IsGroupedThousands(digits))
            return new ParseResult.Refused(Texts.NumberWithoutSeparators);
        if (digits.Length > 18 || !InputText.IsAsciiDigits(digits))
            return new ParseResult.Refused(Texts.WholeNumberExpected(range?.Min, range?.Max));
        var value = long.Parse(cleaned, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (range is not null && (value < range.Min || value > range.Max))
            return new ParseResult.Refused(Texts.NumberOutOfRange(range.Min, range.Max));
        return new ParseResult.Accepted(new NumberAnswer(value));
    }

    private static ParseResult ParseDecimal(string cleaned, IntegerRange? range)
    {
        var body = cleaned.StartsWith('-') ? cleaned[1..] : cleaned;
        var separator = body.IndexOfAny([',', '.']);
        var whole = separator < 0 ? body : body[..separator];
        var fraction = separator < 0 ? "" : body[(separator + 1)..];
        var valid = whole.Length is > 0 and <= 15 && InputText.IsAsciiDigits(whole)
            && (separator < 0 || (fraction.Length is > 0 and <= 10 && InputText.IsAsciiDigits(fraction)));
        if (!valid) return new ParseResult.Refused(Texts.DecimalExpected);
        var value = decimal.Parse(
            (cleaned.StartsWith('-') ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : ""),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (range is not null && (value < range.Min || value > range.Max))
            return new ParseResult.Refused(Texts.NumberOutOfRange(range.Min, range.Max));
        return new ParseResult.Accepted(new DecimalAnswer(value));
    }

    /// <summary>"1.000", "12,500,000": a kader writing thousands the way prices are written.</summary>
    private static bool IsGroupedThousands(string text)
    {
        var groups = text.Split('.', ',');
        return groups.Length > 1 && groups[0].Length is >= 1 and <= 3 && InputText.IsAsciiDigits(groups[0])
            && groups.Skip(1).All(g => g.Length == 3 && InputText.IsAsciiDigits(g));
    }

    private static ParseResult ParseText(string cleaned)
    {
        if (!InputText.HasLetterOrDigit(cleaned)) return new ParseResult.Refused(Texts.TextEmpty);
        if (cleaned.Length > MaxText) return new ParseResult.Refused(Texts.TextTooLong);
        return new ParseResult.Accepted(new TextAnswer(cleaned));
    }

    private static ParseResult ParseName(string cleaned)
    {
        if (cleaned.Length > MaxName) return new ParseResult.Refused(Texts.NameTooLong);
        foreach (var c in cleaned)
        {
            var allowed = char.IsLetter(c) || c is ' ' or '.' or '-' or '\'' or '\u2019' or '\u2018' or '\u02BC' or '`'
                || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!allowed) return new ParseResult.Refused(Texts.NameInvalidCharacters);
        }
        if (cleaned.Length < 2 || !cleaned.Any(char.IsLetter)) return new ParseResult.Refused(Texts.NameTooShort);
        var normalised = cleaned.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u02BC', '\'').Replace('`', '\'');
        var hasLower = normalised.Any(char.IsLower);
        var hasUpper = normalised.Any(char.IsUpper);
        return new ParseResult.Accepted(new TextAnswer(hasLower && hasUpper ? normalised : TitleCase(normalised)));
    }

    /// <summary>"budi santoso" → "Budi Santoso", "SITI NUR'AINI" → "Siti Nur'aini", "m. yusuf-hadi" → "M. Yusuf-Hadi".</summary>
    private static string TitleCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            sb.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = c is ' ' or '.' or '-';
        }
        return sb.ToString();
    }

    private static ParseResult ParseNik(string cleaned)
    {
        var words = string.Join(' ', InputText.Fold(cleaned).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (NoNikYet.Contains(words) || (cleaned.Length > 0 && cleaned.All(c => c is '-' or ' ')))
            return new ParseResult.Accepted(new NikAnswer(null));
        return Nik.TryParse(cleaned, out var nik, out var error)
            ? new ParseResult.Accepted(new NikAnswer(nik.Value))
            : new ParseResult.Refused(error!);
    }

    private static ParseResult ParsePhone(string cleaned)
    {
        if (cleaned.Length > 40 || !PhoneNumber.TryParse(cleaned, out var phone) || phone.Local.Length > 13)
            return new ParseResult.Refused(Texts.PhoneInvalid);
        return new ParseResult.Accepted(new PhoneAnswer(phone.Digits));
    }
}
