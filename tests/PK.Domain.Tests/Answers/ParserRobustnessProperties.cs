using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using PK.Domain.Answers;
using PK.Domain.Forms;
using PK.Domain.Tests.Support;
using Xunit.Abstractions;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

/// <summary>
/// Any string, for every question type: the parser never throws, refuses what it must refuse, and when it accepts,
/// the value is one the text actually says (checked against an oracle written independently of the parser).
/// </summary>
public class ParserRobustnessProperties(ITestOutputHelper output)
{
    private static readonly IntegerRange Range = new(0, 45);

    private static readonly string[] Nasty =
    [
        "\0", "\u200F", "\u202E", "\uFEFF", "\uD800", "\uDC00x", "😀", "👨‍👩‍👧", "١٢٣", "１２", "\r\n", "\t", "ǅ", "ﬁ",
        new string('9', 10_000), new string('a', 10_000), string.Concat(Enumerable.Repeat("😀", 5_000)),
        string.Concat(Enumerable.Repeat("1,", 5_000)), "2147483648", "-9223372036854775809", "29-02-0000",
        "31/12/9999", "01-01-0001", "0/0", "99/99/99", "tb tb", "..", "-", "/", "ya" + new string(' ', 500) + "ya",
        "\u001b[2J", "Jl. \u001b]0;x\u0007Melati", "\u009b31m5",
    ];

    private static IReadOnlyList<Choice>? ChoicesFor(QuestionType type, string text) => type switch
    {
        QuestionType.SelectOne => text.Length % 2 == 0 ? YesNoNotApplicable : Religion,
        QuestionType.SelectMultiple => Media,
        _ => null,
    };

    private static ParseResult ParseAs(QuestionType type, string text) =>
        AnswerParser.Parse(type, text, ChoicesFor(type, text), type is QuestionType.Integer or QuestionType.Decimal ? Range : null, Context);

    // ---- The oracle: what a text can mean, worked out without the parser's code. ----

    // Terminal control sequences (ECMA-48), written as a regular expression independently of the parser's scanner.
    private static readonly Regex ControlSequence = new(
        "(?:\u001b\\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]" +
        "|(?:\u001b[\\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[\\s\\S]*?(?:\u0007|\u009c|\u001b\\\\)" +
        "|\u001b[\u0020-\u002f]*[\u0030-\u007e]");

    /// <summary>The text as a person sees it: no terminal control sequences, control or invisible format characters, no broken surrogates, NFC.</summary>
    private static string Visible(string text)
    {
        text = ControlSequence.Replace(text, "");
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue;
            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Control || (category == UnicodeCategory.Format && c != '\u200D')) continue;
            sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Every decimal digit in the text, of any script, as ASCII.</summary>
    private static string DigitsOf(string text)
    {
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                sb.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        return sb.ToString();
    }

    private static bool HasDigit(string text) => DigitsOf(text).Length > 0;

    private static bool HasLetter(string text) => text.EnumerateRunes().Any(Rune.IsLetter);

    private static string WithoutLeadingZeros(string digits) => digits.TrimStart('0') is { Length: > 0 } d ? d : "0";

    /// <summary>The letters and digits of a text, lower case, digits as ASCII.</summary>
    private static string Alphanumerics(string text)
    {
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber) sb.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            else if (Rune.IsLetterOrDigit(rune)) sb.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return sb.ToString();
    }

    private static bool IsSubsequence(string part, string whole)
    {
        var j = 0;
        foreach (var c in whole)
            if (j < part.Length && part[j] == c) j++;
        return j == part.Length;
    }

    /// <summary>Throws (with the reason) when the result is not what <paramref name="text"/> can mean for <paramref name="type"/>.</summary>
    private static void Check(QuestionType type, string text, ParseResult result)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        var context = $"{type} «{shown}» → {result}";
        switch (result)
        {
            case ParseResult.Refused r:
                Assert.True(r.Message.Length is > 0 and <= 200, context);
                return;
            case ParseResult.Ambiguous m:
                Assert.True(m.Message.Length is > 0 and <= 200 && m.Candidates.Count >= 2, context);
                Assert.True(type is QuestionType.SelectOne or QuestionType.SelectMultiple, context);
                Assert.All(m.Candidates, c => Assert.Contains(c, ChoicesFor(type, text)!.Select(x => x.Code)));
                return;
        }

        var value = Assert.IsType<ParseResult.Accepted>(result).Value;
        var visible = Visible(text);
        switch (type)
        {
            case QuestionType.Integer:
                var n = Assert.IsType<NumberAnswer>(value).Value;
                Assert.True(n is >= 0 and <= 45, context);
                Assert.False(HasLetter(visible), context);
                Assert.True(WithoutLeadingZeros(DigitsOf(visible)) == n.ToString(CultureInfo.InvariantCulture), context);
                break;
            case QuestionType.Decimal:
                var d = Assert.IsType<DecimalAnswer>(value).Value;
                Assert.True(d is >= 0 and <= 45, context);
                Assert.False(HasLetter(visible), context);
                var written = d.ToString(CultureInfo.InvariantCulture).Replace(".", "").TrimStart('-');
                Assert.True(WithoutLeadingZeros(DigitsOf(visible)) == WithoutLeadingZeros(written), context);
                break;
            case QuestionType.Text:
                var s = Assert.IsType<TextAnswer>(value).Value;
                Assert.True(s.Length is > 0 and <= 200 && s == s.Trim(), context);
                Assert.True(Visible(s) == s, context + ": control or format characters kept");
                Assert.True(Alphanumerics(s).Length > 0 && IsSubsequence(Alphanumerics(s), Alphanumerics(visible)), context);
                break;
            case QuestionType.Name:
                var name = Assert.IsType<TextAnswer>(value).Value;
                Assert.True(name.Length is >= 2 and <= 100 && HasLetter(name) && !HasDigit(visible), context);
                Assert.All(name, c => Assert.True(char.IsLetter(c) || c is ' ' or '.' or '-' or '\''
                    || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark, context));
                Assert.True(IsSubsequence(Alphanumerics(name), Alphanumerics(visible)), context);
                break;
            case QuestionType.Date:
                var date = Assert.IsType<DateAnswer>(value).Value;
                Assert.True(date.Year >= 1900 && date <= InterviewDate && HasDigit(visible), context);
                break;
            case QuestionType.BirthDate:
                if (value is MonthYearAnswer bm)
                    Assert.True(bm.Year >= 1900 && bm.Month is >= 1 and <= 12 && (bm.Year, bm.Month).CompareTo((2021, 4)) <= 0, context);
                else
                    Assert.True(Assert.IsType<DateAnswer>(value).Value is { Year: >= 1900 } b && b <= InterviewDate, context);
                Assert.True(HasDigit(visible), context);
                break;
            case QuestionType.MonthYear:
                var my = Assert.IsType<MonthYearAnswer>(value);
                Assert.True(my.Year >= 1950 && my.Month is >= 1 and <= 12 && (my.Year, my.Month).CompareTo((2021, 4)) <= 0, context);
                Assert.True(HasDigit(visible), context);
                break;
            case QuestionType.SelectOne:
                Assert.Contains(Assert.IsType<ChoiceAnswer>(value).Code, ChoicesFor(type, text)!.Select(c => c.Code));
                Assert.True(HasLetter(visible) || HasDigit(visible), context);
                break;
            case QuestionType.SelectMultiple:
                var codes = Assert.IsType<MultiChoiceAnswer>(value).Codes;
                Assert.NotEmpty(codes);
                Assert.All(codes, c => Assert.Contains(c, Media.Select(x => x.Code)));
                break;
            case QuestionType.Nik:
                var nik = Assert.IsType<NikAnswer>(value).Nik;
                if (nik is null)
                    Assert.False(HasDigit(visible), context + ": a text with digits taken as «belum ada»");
                else
                {
                    Assert.True(Nik.TryParse(nik, out _, out _) && nik.All(char.IsAsciiDigit), context);
                    Assert.True(nik == DigitsOf(visible), context);
                }
                break;
            case QuestionType.Phone:
                var phone = Assert.IsType<PhoneAnswer>(value).Digits;
                Assert.True(phone.StartsWith("62") && phone.All(char.IsAsciiDigit) && phone.Length is >= 9 and <= 15, context);
                Assert.True(DigitsOf(visible).EndsWith(phone[2..]), context);
                break;
            default:
                Assert.Fail(context + ": a question nobody answers accepted a value");
                break;
        }
    }

    /// <summary>What must be refused whatever else the parser does.</summary>
    private static void CheckRefusals(string text)
    {
        var visible = Visible(text);
        if (!HasDigit(visible))
            foreach (var type in new[] { QuestionType.Integer, QuestionType.Decimal, QuestionType.Date, QuestionType.BirthDate, QuestionType.MonthYear, QuestionType.Phone })
                Assert.IsNotType<ParseResult.Accepted>(ParseAs(type, text));
        if (!HasLetter(visible) && !HasDigit(visible))
            foreach (var type in new[] { QuestionType.Text, QuestionType.Name, QuestionType.SelectOne, QuestionType.SelectMultiple })
                Assert.IsNotType<ParseResult.Accepted>(ParseAs(type, text));
        if (HasLetter(visible))
            Assert.IsNotType<ParseResult.Accepted>(ParseAs(QuestionType.Integer, text));
        if (HasDigit(visible))
            Assert.IsNotType<ParseResult.Accepted>(ParseAs(QuestionType.Name, text));
        Assert.IsType<ParseResult.Refused>(ParseAs(QuestionType.Calculate, text));
        Assert.IsType<ParseResult.Refused>(ParseAs(QuestionType.Note, text));
    }

    private static void CheckEveryType(string text)
    {
        foreach (var type in Enum.GetValues<QuestionType>()) Check(type, text, ParseAs(type, text));
        CheckRefusals(text);
    }

    [SeededProperty(300)]
    public void AnyStringIsRefusedOrReadAsWhatItSaysForEveryType(string? text)
    {
        output.WriteLine(PropertySeeds.Describe(300));
        CheckEveryType(text ?? "");
    }

    [SeededProperty(200)]
    public Property StringsMadeOfSeparatorsDigitsAndMonthWordsAreRefusedOrReadAsWhatTheySay()
    {
        output.WriteLine(PropertySeeds.Describe(200));
        return Prop.ForAll(
            Gen.Elements("1", "12", "2021", "85", "-", "/", ".", ",", " ", "agt", "mei", "ya", "tb", "0", "31", "02", "😀", "\0", "٣", "７")
                .ListOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            text => CheckEveryType(text));
    }

    /// <summary>The other direction: well-formed answers, written as kader write them, are accepted with exactly their value.</summary>
    [SeededProperty(200)]
    public Property WellFormedAnswersAreAcceptedWithTheirValue()
    {
        output.WriteLine(PropertySeeds.Describe(200));
        var space = Gen.Elements("", " ", "  ", "\u200B");
        var numbers =
            from n in Gen.Choose(0, 45)
            from zeros in Gen.Choose(0, 2)
            from before in space
            from after in space
            select (Text: before + new string('0', zeros) + n + after, Value: n);
        var dates =
            from offset in Gen.Choose(0, new DateOnly(2021, 4, 15).DayNumber - new DateOnly(1900, 1, 1).DayNumber)
            from format in Gen.Elements("dd-MM-yyyy", "d/M/yyyy", "dd.MM.yyyy", "yyyy-MM-dd", "d MMMM yyyy")
            let date = new DateOnly(1900, 1, 1).AddDays(offset)
            select (Text: date.ToString(format, CultureInfo.GetCultureInfo("id-ID")), Value: date);
        var niks =
            from day in Gen.Choose(1, 28)
            from female in Gen.Elements(0, 40)
            from month in Gen.Choose(1, 12)
            from year in Gen.Choose(0, 99)
            from serial in Gen.Choose(1, 9999)
            from separator in Gen.Elements("", " ", ".", "-")
            let nik = $"331301{day + female:D2}{month:D2}{year:D2}{serial:D4}"
            select (Text: string.Join(separator, nik.Chunk(4).Select(c => new string(c))), Value: nik);
        return Prop.ForAll(
            numbers.ToArbitrary(), dates.ToArbitrary(), niks.ToArbitrary(),
            (number, date, nik) =>
            {
                Assert.Equal(new NumberAnswer(number.Value), Accepted(ParseAs(QuestionType.Integer, number.Text)));
                Assert.Equal(new DateAnswer(date.Value), Accepted(ParseAs(QuestionType.Date, date.Text)));
                Assert.Equal(new DateAnswer(date.Value), Accepted(ParseAs(QuestionType.BirthDate, date.Text)));
                Assert.Equal(new NikAnswer(nik.Value), Accepted(ParseAs(QuestionType.Nik, nik.Text)));
            });
    }

    [Fact]
    public void ANullTextIsRefusedForEveryType()
    {
        foreach (var type in Enum.GetValues<QuestionType>())
            Assert.IsType<ParseResult.Refused>(AnswerParser.Parse(type, null!, Religion, null, Context));
    }

    [Fact]
    public void NastyInputsAreRefusedOrReadAsWhatTheySayForEveryType()
    {
        foreach (var text in Nasty) CheckEveryType(text);
    }
}
