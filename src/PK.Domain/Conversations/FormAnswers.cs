using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Conversations;

/// <summary>One item's answer as a form screen returns it: the text a kader would type for it (a choice's code, a number, a date); empty when left blank.</summary>
public sealed record FormAnswer(AnswerKey Key, string Text);

/// <summary>A whole form screen for a channel that can draw one (a WhatsApp Flow): which screen, the token that binds it to the interview, what it opens with.</summary>
/// <param name="Kind">The screen kind ("keluarga", "anggota", "kb", "pk-1", …).</param>
/// <param name="Token">Binds the answers to this interview and screen; anything else is refused.</param>
/// <param name="Target">The channel's id for the screen kind (a WhatsApp Flow id).</param>
/// <param name="Data">What the screen opens with: titles, current answers or proposals, values of items on other screens.</param>
public sealed record FormScreen(string Kind, string Token, string Title, string Target, IReadOnlyDictionary<string, object> Data);

/// <summary>What applying a set of answers did.</summary>
/// <param name="Applied">Keys whose answer was recorded (or, left blank and optional, skipped).</param>
/// <param name="Refused">Keys whose answer the interview did not take, with the reason the chat would give.</param>
/// <param name="Notices">Notices of the interview (answers dropped, rules now broken elsewhere).</param>
/// <param name="Question">A confirmation the interview now asks (an answer that differs from the NIK).</param>
public sealed record FormAnswersResult(IReadOnlyList<AnswerKey> Applied, IReadOnlyList<(AnswerKey Key, string Refusal)> Refused, IReadOnlyList<string> Notices, Confirmation? Question);

/// <summary>
/// Applies a set of item answers (a form screen's, or several typed at once) to an interview like a batch typed in chat:
/// in the form's order, each only while it is relevant, each through the same parsing and rules as a typed answer.
/// Unlike a typed batch it does not stop at a refusal: the refused items stay unanswered, and the interview asks them
/// next, in chat. It uses only the interview's public steps (jump to an item, answer, skip).
/// </summary>
public static class FormAnswers
{
    public static FormAnswersResult Apply(Interview interview, IReadOnlyList<FormAnswer> answers, DateTimeOffset now)
    {
        var applied = new List<AnswerKey>();
        var refused = new List<(AnswerKey, string)>();
        var notices = new List<string>();
        Confirmation? question = null;
        var byKey = answers.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Text.Trim());
        // In the order given (the form's), each judged relevant only when its turn comes, so an answer of the same set can make it apply.
        var order = answers.Select(a => a.Key).Distinct().ToList();
        var deferred = new HashSet<AnswerKey>();
        for (var i = 0; i < order.Count && question is null; i++)
        {
            var key = order[i];
            if (!interview.IsRelevant(key)) continue;
            var item = interview.Form.Item(key.ItemId);
            var text = byKey[key];
            // An answer read from the NIK: the same as the proposal is "ok", as in chat; a different one waits until the end, since it stops to confirm.
            if (text.Length > 0 && interview.ProposesFromNik(item) && interview.Proposal(key) is { } proposal)
            {
                if (string.Equals(proposal.ToString(), text, StringComparison.OrdinalIgnoreCase)) text = "ok";
                else if (deferred.Add(key))
                {
                    order.Add(key);
                    continue;
                }
            }
            var number = item.DisplayNumber(key.Member);
            if (interview.Edit(number, now).IsRefused) break;
            if (text.Length == 0)
            {
                if (!item.Required && interview.Skip(now) is { IsRefused: false } skipped)
                {
                    applied.Add(key);
                    notices.AddRange(skipped.Notices);
                }
                continue;
            }
            if (item.TakesOneToken && text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > 1)
            {
                refused.Add((key, Texts.OneAnswerOnly));
                continue;
            }
            var outcome = interview.Answer(text, now);
            notices.AddRange(outcome.Notices);
            notices.AddRange(outcome.Broken.Select(p => AnswerText.Problem(interview.Form, p)));
            if (outcome.Question is { } asked)
            {
                question = asked;
                continue;
            }
            if (outcome.Refusal is { } refusal) refused.Add((key, refusal));
            else applied.Add(key);
        }
        // The walk resumes at the first refused item (everything before it on the screen is answered).
        if (question is null && refused.Count > 0)
            interview.Edit(interview.Form.Item(refused[0].Item1.ItemId).DisplayNumber(refused[0].Item1.Member), now);
        return new FormAnswersResult(applied, refused, notices.Distinct().ToList(), question);
    }

    /// <summary>
    /// One turn that applies <paramref name="answers"/> to the chat's active interview <paramref name="recordId"/>, then lets the
    /// engine ask what comes next (the first refused item, the next question, a confirmation or the summary). Answers for
    /// another interview than the active one, or while it is not answering, are refused as stale and nothing is changed.
    /// </summary>
    public static TurnResult Handle(ConversationEngine engine, TurnInput input, Guid recordId, IReadOnlyList<FormAnswer> answers, string title)
    {
        var snapshot = input.Interviews.FirstOrDefault(s => s.RecordId == recordId);
        if (input.State.ActiveInterview != recordId || snapshot is null) return Ask(engine, input, [Texts.FormStale], null, []);
        var interview = Interview.Restore(engine.Form, snapshot);
        if (interview.IsPaused || interview.IsParked) interview.Resume(input.Now);
        if (!(interview.IsAnswering || interview.IsReviewing)) return Ask(engine, input, [Texts.FormStale], null, []);

        var result = Apply(interview, answers, input.Now);
        var lines = new List<string> { string.Format(Texts.FormTaken, title, result.Applied.Count) };
        lines.AddRange(result.Notices);
        if (result.Refused.Count > 0)
        {
            lines.Add(Texts.FormAskedBack);
            foreach (var (key, refusal) in result.Refused)
            {
                var item = engine.Form.Item(key.ItemId);
                lines.Add(string.Format(Texts.FormRefused, item.DisplayNumber(key.Member), AnswerText.ShortLabel(item), refusal));
            }
        }
        var updated = interview.Snapshot;
        var audit = interview.TakeChanges();
        var interviews = input.Interviews.Select(s => s.RecordId == recordId ? updated : s).ToList();
        return Ask(engine, input with { Interviews = interviews }, lines, updated, audit);
    }

    /// <summary>The text of a reply before the question it asks (the echoes and notices that lead to it); null when <paramref name="reply"/> does not ask <paramref name="interview"/>'s current question.</summary>
    public static string? Lead(Interview interview, Reply reply)
    {
        if (interview.CurrentKey is not { } key || reply.Kind != ReplyKind.Question) return null;
        var question = string.Join("\n", Prompts.Question(interview, key));
        return reply.Text.EndsWith(question, StringComparison.Ordinal) ? reply.Text[..^question.Length].TrimEnd('\n') : null;
    }

    /// <summary>The engine's own answer to an empty message: the current question, confirmation or summary, led by <paramref name="lines"/>.</summary>
    private static TurnResult Ask(ConversationEngine engine, TurnInput input, List<string> lines, InterviewSnapshot? changed, IReadOnlyList<AnswerChange> audit)
    {
        var asked = engine.Handle(input with { Message = new Inbound(InboundKind.Text, "", input.Message.SentAt) });
        var replies = asked.Replies.ToList();
        var lead = string.Join("\n", lines);
        if (replies.Count == 0) replies.Add(Reply.Plain(lead));
        else if (replies[0].Text == Texts.NoActiveFamily) replies[0] = Reply.Plain(lead);
        else replies[0] = replies[0] with { Text = lead + "\n" + replies[0].Text };
        var changedSnapshots = asked.Changed.ToList();
        if (changed is not null && changedSnapshots.All(s => s.RecordId != changed.RecordId)) changedSnapshots.Insert(0, changed);
        return new TurnResult(asked.State, replies, changedSnapshots, [.. audit, .. asked.Audit], asked.Submitted);
    }
}
