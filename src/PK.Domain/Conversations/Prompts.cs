using System.Globalization;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Conversations;

/// <summary>Draws a form question as a channel-neutral reply.</summary>
internal static class Prompts
{
    public static Reply Question(Interview interview, AnswerKey key, List<string> lead, string shortId)
    {
        var item = interview.Form.Item(key.ItemId);
        var lines = new List<string>(lead);
        var progress = new ProgressMarker(item.Block.Title.Indonesian, key.Member, key.Member is null ? null : interview.MemberCount, item.DisplayNumber(key.Member));
        lines.Add(key.Member is { } m
            ? string.Format(Texts.ProgressMember, item.Block.Title.Indonesian, m, interview.MemberCount)
            : string.Format(Texts.ProgressLine, item.Block.Title.Indonesian));
        lines.Add($"{item.DisplayNumber(key.Member)} {item.Label}");
        if (item.Hint is { } hint) lines.Add(hint.Indonesian);
        if (item.Type == QuestionType.SelectMultiple && item.Hint is null) lines.Add(Texts.SeveralAllowed);
        if (interview.Proposal(key) is { } proposal)
        {
            var shown = Interview.Display(item, proposal);
            var format = interview.Answers.ContainsKey(key) ? Texts.CurrentAnswer
                : interview.ProposesFromNik(item) ? Texts.ProposalFromNik
                : Texts.Proposal;
            lines.Add(string.Format(format, shown));
        }
        if (!item.Required && item.Hint?.Indonesian.Contains("/lewati") != true) lines.Add(Texts.OptionalHint);

        var prefix = item.Type == QuestionType.SelectMultiple ? "m" : "a";
        var options = item.Choices?.Select(c => new ReplyOption(
            $"{prefix}|{shortId}|{key}|{c.Code.ToString(CultureInfo.InvariantCulture)}",
            c.Label,
            c.Code.ToString(CultureInfo.InvariantCulture))).ToList() ?? [];
        List<string> commands = ["/kembali", "/ringkasan", "/jeda", "/batal"];
        if (!item.Required) commands.Insert(0, "/lewati");
        return new Reply(string.Join("\n", lines), options, key.ToString(), progress, commands);
    }
}
