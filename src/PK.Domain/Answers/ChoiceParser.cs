using System.Text.RegularExpressions;

namespace PK.Domain.Answers;

/// <summary>Select-one and select-multiple answers, on top of <see cref="ChoiceMatcher"/>.</summary>
internal static partial class ChoiceParser
{
    public static ParseResult ParseOne(string cleaned, IReadOnlyList<Forms.Choice>? choices)
    {
        if (choices is null || choices.Count == 0) return new ParseResult.Refused(Texts.NoChoicesAvailable);
        var matcher = ChoiceMatcher.For(choices);
        var match = matcher.Resolve(cleaned);
        return match.Kind switch
        {
            MatchKind.Found => new ParseResult.Accepted(new ChoiceAnswer(match.Codes[0])),
            MatchKind.Ambiguous => AmbiguousAmong(matcher, match.Codes),
            _ => new ParseResult.Refused(matcher.IsYesNo ? Texts.AnswerYesOrNo(matcher.HasNotApplicable) : Texts.ChooseFrom(matcher.Codes)),
        };
    }

    /// <summary>The whole message is the answer: "1,3", "1 3", "1;3", "koran, tv/radio", "1 dan 3".</summary>
    public static ParseResult ParseMany(string cleaned, IReadOnlyList<Forms.Choice>? choices)
    {
        if (choices is null || choices.Count == 0) return new ParseResult.Refused(Texts.NoChoicesAvailable);
        if (cleaned.Length > InputText.MaxShortAnswer) return new ParseResult.Refused(Texts.ChooseSomeOf(ChoiceMatcher.For(choices).Codes));
        var matcher = ChoiceMatcher.For(choices);

        // A label that itself holds a comma ("Ya, dengan septic tank") is one choice, not two.
        var whole = InputText.Squash(InputText.Fold(cleaned));
        var byLabel = choices.Where(c => InputText.Squash(InputText.Fold(InputText.Clean(c.Label))) == whole).ToArray();
        if (byLabel.Length == 1) return new ParseResult.Accepted(new MultiChoiceAnswer([byLabel[0].Code]));

        var codes = new List<int>();
        foreach (var part in Separators().Split(cleaned).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            foreach (var item in ItemsOf(part))
            {
                var match = matcher.Resolve(item);
                if (match.Kind == MatchKind.NotFound && WordAnd().IsMatch(item))
                {
                    // "koran dan tv": only split on "dan" when the whole part is no label.
                    foreach (var sub in WordAnd().Split(item).Select(s => s.Trim()).Where(s => s.Length > 0))
                    {
                        var subMatch = matcher.Resolve(sub);
                        if (subMatch.Kind != MatchKind.Found) return Failure(matcher, sub, subMatch);
                        codes.Add(subMatch.Codes[0]);
                    }
                    continue;
                }
                if (match.Kind != MatchKind.Found) return Failure(matcher, item, match);
                codes.Add(match.Codes[0]);
            }
        }
        return codes.Count == 0
            ? new ParseResult.Refused(Texts.ChooseAtLeastOne)
            : new ParseResult.Accepted(new MultiChoiceAnswer(codes));
    }

    /// <summary>"1 3 5" inside a part is three numbers; anything else is one item.</summary>
    private static IEnumerable<string> ItemsOf(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => InputText.IsAsciiDigits(w.TrimEnd('.'))) ? words.Select(w => w.TrimEnd('.')) : [part];
    }

    private static ParseResult Failure(ChoiceMatcher matcher, string item, ChoiceMatch match) => match.Kind switch
    {
        MatchKind.Ambiguous => AmbiguousAmong(matcher, match.Codes),
        MatchKind.NumberNotInList => new ParseResult.Refused(Texts.NumberNotInList(item, matcher.Codes)),
        _ => new ParseResult.Refused(Texts.PartNotRecognised(item)),
    };

    private static ParseResult.Ambiguous AmbiguousAmong(ChoiceMatcher matcher, IReadOnlyList<int> codes) =>
        new(Texts.WhichOneDidYouMean(matcher.ChoicesFor(codes).ToArray()), codes);

    // Commas, semicolons, new lines, "&", "+"; a dot only between digits ("1.3").
    [GeneratedRegex(@"[,;&+\n]|(?<=\d)\.(?=\s*\d)")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s+dan\s+", RegexOptions.IgnoreCase)]
    private static partial Regex WordAnd();
}
