using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PK.Domain.Answers;
using PK.Domain.Forms;
using static PK.Domain.Tests.Answers.Support.Lists;

namespace PK.Domain.Tests.Answers;

public class ParserRobustnessProperties
{
    private static readonly string[] Nasty =
    [
        "\0", "\u200F", "\u202E", "\uFEFF", "\uD800", "\uDC00x", "😀", "👨‍👩‍👧", "١٢٣", "１２", "\r\n", "\t", "ǅ", "ﬁ",
        new string('9', 10_000), new string('a', 10_000), string.Concat(Enumerable.Repeat("😀", 5_000)),
        string.Concat(Enumerable.Repeat("1,", 5_000)), "2147483648", "-9223372036854775809", "29-02-0000",
        "31/12/9999", "01-01-0001", "0/0", "99/99/99", "tb tb", "..", "-", "/", "ya" + new string(' ', 500) + "ya",
    ];

    private static ParseResult ParseAs(QuestionType type, string text)
    {
        var choices = type switch
        {
            QuestionType.SelectOne => text.Length % 2 == 0 ? YesNoNotApplicable : Religion,
            QuestionType.SelectMultiple => Media,
            _ => null,
        };
        var range = type is QuestionType.Integer or QuestionType.Decimal ? new IntegerRange(0, 45) : null;
        return AnswerParser.Parse(type, text, choices, range, Context);
    }

    private static bool IsWellFormed(ParseResult result) => result switch
    {
        ParseResult.Accepted a => a.Value is not null,
        ParseResult.Refused r => r.Message.Length is > 0 and <= 200,
        ParseResult.Ambiguous m => m.Message.Length is > 0 and <= 200 && m.Candidates.Count >= 2,
        _ => false,
    };

    [Property(MaxTest = 300)]
    public bool AnyStringGivesAWellFormedResultForEveryType(string? text) =>
        Enum.GetValues<QuestionType>().All(type => IsWellFormed(ParseAs(type, text ?? "")));

    [Property(MaxTest = 200)]
    public Property StringsMadeOfSeparatorsDigitsAndMonthWordsNeverBreakTheParser() =>
        Prop.ForAll(
            Gen.Elements("1", "12", "2021", "85", "-", "/", ".", ",", " ", "agt", "mei", "ya", "tb", "0", "31", "02", "😀", "\0")
                .ListOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            text => Enum.GetValues<QuestionType>().All(type => IsWellFormed(ParseAs(type, text))));

    [Fact]
    public void ANullTextIsRefusedOrReadAsEmptyForEveryType()
    {
        foreach (var type in Enum.GetValues<QuestionType>())
            Assert.True(IsWellFormed(AnswerParser.Parse(type, null!, Religion, null, Context)), type.ToString());
    }

    [Fact]
    public void NastyInputsGiveWellFormedResultsForEveryType()
    {
        foreach (var text in Nasty)
            foreach (var type in Enum.GetValues<QuestionType>())
                Assert.True(IsWellFormed(ParseAs(type, text)), $"{type}: {text[..Math.Min(text.Length, 20)]}");
    }
}
