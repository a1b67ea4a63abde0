using System.Globalization;
using PK.Domain.Answers;
using PK.Domain.Forms;

namespace PK.Domain.Interviews;

/// <summary>
/// Shortcuts a kader learns from the prompts: a name and its NIK in one message, and examples of several answers
/// in one message made of the kader's own earlier answers (and checked against the engine before they are shown).
/// </summary>
public sealed partial class Interview
{
    /// <summary>Fewer answers than this in a row are not worth teaching the batch form for.</summary>
    private const int MinExampleTokens = 2;

    /// <summary>"Sri Wahyuni 3313014506550006": a name followed by a 16-digit NIK, split in two.</summary>
    private static (string Name, string Nik)? SplitNameAndNik(string text)
    {
        var trimmed = text.Trim();
        var cut = trimmed.LastIndexOfAny([' ', '\t', '\n']);
        if (cut <= 0) return null;
        var name = trimmed[..cut].Trim();
        var nik = trimmed[(cut + 1)..];
        if (name.Length == 0 || nik.Length != 16 || !nik.All(char.IsAsciiDigit)) return null;
        return (name, nik);
    }

    /// <summary>The question item the form asks right after this one in its block.</summary>
    private FormItem? NextItemInBlock(FormItem item) =>
        item.Block.Items.Where(i => i.IsQuestion).SkipWhile(i => i != item).Skip(1).FirstOrDefault();

    private bool NameThenNik(AnswerKey key) =>
        _form.Item(key.ItemId) is { Type: QuestionType.Name } item && NextItemInBlock(item) is { Type: QuestionType.Nik };

    /// <summary>A name and a NIK typed together at the name question (when the NIK is asked next): both are recorded.</summary>
    private StepOutcome? AnswerNameAndNik(AnswerKey first, string text)
    {
        if (!NameThenNik(first) || SplitNameAndNik(text) is not { } pair) return null;
        var applied = new List<AnswerKey>();
        var echoes = new List<Recorded>();
        var name = Try(first, pair.Name);
        if (name.Accepted is null) return Finish(first, name, applied, echoes, []);
        echoes.Add(Apply(first, name.Accepted, name.Notice));
        applied.Add(first);
        Settle();
        // Only this member's own NIK, asked right after the name: after a jump back to a name it may be answered already.
        var nik = new AnswerKey(NextItemInBlock(_form.Item(first.ItemId))!.Id, first.Member);
        if (CurrentPhase != Phase.Answering || CurrentKey is not { } next || next != nik)
            return Finish(null, null, applied, echoes, [pair.Nik]);
        return Finish(next, Try(next, pair.Nik), applied, echoes, []);
    }

    /// <summary>
    /// At a member's name question (member 2 on), when the NIK is asked next: the previous member's name and masked
    /// NIK, showing the shape of a name and a NIK in one message.
    /// </summary>
    public (string Name, string MaskedNik, int Member)? NameAndNikExample(AnswerKey key)
    {
        if (key.Member is not { } m || m < 2 || !NameThenNik(key)) return null;
        var item = _form.Item(key.ItemId);
        var nikItem = NextItemInBlock(item)!;
        if (!_answers.TryGetValue(key with { Member = m - 1 }, out var name) || name is not TextAnswer) return null;
        if (!_answers.TryGetValue(new AnswerKey(nikItem.Id, m - 1), out var nik) || nik is not NikAnswer { Nik: not null } n) return null;
        return (name.ToString()!, n.Masked, m - 1);
    }

    /// <summary>
    /// At a member's first question that takes a one-word answer (member 2 on): the rest of this member in one message,
    /// shaped like the previous member's answers (<c>ok</c> where this member has a proposal). Shown only when the
    /// engine, tried on a copy of this interview, accepts the whole example for this member.
    /// </summary>
    public string? MemberBatchExample(AnswerKey key)
    {
        if (key.Member is not { } m || m < 2 || CurrentPhase != Phase.Answering || CurrentKey != key || !TakesOneWord(key)) return null;
        if (RelevantQuestions().TakeWhile(k => k != key).Any(k => k.Member == m && TakesOneWord(k))) return null;
        var trial = Copy();
        var tokens = new List<string>();
        while (trial.CurrentPhase == Phase.Answering && trial.CurrentKey is { } k && k.Member == m && trial.TakesOneWord(k))
        {
            var previous = k with { Member = m - 1 };
            var token = trial.Proposal(k) is not null ? "ok"
                : _answers.TryGetValue(previous, out var value) && !IsAutoFilled(previous) ? Token(value) : null;
            if (token is null) break;
            var outcome = trial.Answer(token, _now);
            if (outcome.IsRefused || outcome.Question is not null || trial.CurrentPhase != Phase.Answering || trial.CurrentKey == k) break;
            tokens.Add(token);
        }
        if (tokens.Count < MinExampleTokens) return null;
        var example = string.Join(" ", tokens);
        var check = Copy().Answer(example, _now);
        return check.IsRefused || check.Question is not null || check.Unused.Count > 0 || check.Echoes.Count != tokens.Count ? null : example;
    }

    /// <summary>
    /// At the third question of a run of one-word questions outside the members (the two before it answered one by one):
    /// those two answers as they would have been typed in one message.
    /// </summary>
    public string? RunBatchExample(AnswerKey key)
    {
        if (key.Member is not null || CurrentPhase != Phase.Answering || CurrentKey != key || !TakesOneWord(key)) return null;
        var block = _form.Item(key.ItemId).Block;
        var before = RelevantQuestions().TakeWhile(k => k != key).Where(k => _form.Item(k.ItemId).Block == block).Reverse().Take(MinExampleTokens + 1).ToList();
        if (before.Count < MinExampleTokens) return null;
        bool Answered(AnswerKey k) => TakesOneWord(k) && _answers.ContainsKey(k) && !IsAutoFilled(k) && Token(_answers[k]) is not null;
        if (!before.Take(MinExampleTokens).All(Answered)) return null;
        if (before.Count > MinExampleTokens && Answered(before[MinExampleTokens])) return null; // already shown earlier in this run
        return string.Join(" ", before.Take(MinExampleTokens).Reverse().Select(k => Token(_answers[k])));
    }

    private bool TakesOneWord(AnswerKey key) =>
        _form.Item(key.ItemId) is var item && (item.TakesOneToken || item.Type is QuestionType.Date or QuestionType.BirthDate or QuestionType.MonthYear);

    /// <summary>An answer as one word the parsers read back to the same value; null when it has no such form.</summary>
    private static string? Token(AnswerValue value) => value switch
    {
        ChoiceAnswer c => c.Code.ToString(CultureInfo.InvariantCulture),
        NumberAnswer n => n.Value.ToString(CultureInfo.InvariantCulture),
        DateAnswer d => d.Value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        MonthYearAnswer my => $"{my.Month}/{my.Year}",
        _ => null,
    };

    /// <summary>An independent copy to try answers on; nothing done to it reaches this interview.</summary>
    private Interview Copy()
    {
        var copy = new Interview(_form, Snapshot.Copy()) { _now = _now };
        return copy;
    }
}
