using System.Globalization;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Conversations;

/// <summary>Draws a form question: its lines and its options, channel-neutral.</summary>
internal static class Prompts
{
    /// <summary>The lines that ask the question: where the kader is, the question, its hint and any proposal.</summary>
    public static IEnumerable<string> Question(Interview interview, AnswerKey key)
    {
        var item = interview.Form.Item(key.ItemId);
        yield return key.Member is { } m
            ? string.Format(Texts.ProgressMember, item.Block.Title.Indonesian, m, interview.MemberCount)
            : string.Format(Texts.ProgressLine, item.Block.Title.Indonesian);
        yield return $"{item.DisplayNumber(key.Member)} {item.Label}";
        if (item.Hint is { } hint) yield return hint.Indonesian;
        if (item.Type == QuestionType.SelectMultiple && item.Hint is null) yield return Texts.SeveralAllowed;
        if (interview.Proposal(key) is { } proposal)
        {
            var shown = AnswerText.Display(item, proposal);
            var format = interview.Answers.ContainsKey(key) ? Texts.CurrentAnswer
                : interview.ProposesFromNik(item) ? Texts.ProposalFromNik
                : Texts.Proposal;
            yield return string.Format(format, shown);
        }
        if (interview.NameAndNikExample(key) is { } nameAndNik)
            yield return string.Format(Texts.NameAndNikHint, nameAndNik.Name, nameAndNik.MaskedNik, nameAndNik.Member);
        else if (interview.MemberBatchExample(key) is { } memberExample)
            yield return string.Format(Texts.MemberBatchHint, memberExample, key.Member - 1);
        else if (interview.RunBatchExample(key) is { } runExample)
            yield return string.Format(Texts.RunBatchHint, runExample);
        if (!item.Required && item.Hint?.Indonesian.Contains("/lewati") != true) yield return Texts.OptionalHint;
    }

    /// <summary>A button per choice; each carries the family and the question, so a press after the walk moved on is seen as stale.</summary>
    public static IReadOnlyList<ReplyOption> Options(Interview interview, AnswerKey key, string shortId)
    {
        var item = interview.Form.Item(key.ItemId);
        return item.Choices?.Select(c => ReplyOption.For(
            new OptionToken.Answer(shortId, key.ToString(), c.Code, item.Type == QuestionType.SelectMultiple),
            c.Label,
            c.Code.ToString(CultureInfo.InvariantCulture))).ToList() ?? [];
    }
}
