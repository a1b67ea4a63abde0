using PK.Domain.Answers;
using PK.Domain.Conversations;
using PK.Domain.Forms;

namespace PK.Domain.Interviews;

/// <summary>
/// The walk of a form over one family's answers: which question instances exist and apply (relevance), in what
/// order, which one is asked now, and what the answers imply (<see cref="Settle"/>: answers that no longer apply
/// are dropped, Tidak Berlaku is filled). It changes the answers it is given and records each change.
/// </summary>
internal sealed class FormWalk(FormDefinition form, InterviewSnapshot snapshot, Dictionary<AnswerKey, AnswerValue> answers, ExpressionEvaluator eval, Action<AnswerKey, AnswerValue?, AnswerValue?, AnswerChangeKind> record)
{
    /// <summary>Settling drops and fills; every pass that changes something removes an answer or adds one, so a real form settles in a few.</summary>
    private const int MaxSettlePasses = 100;

    private readonly FormGraph _graph = FormGraph.Of(form);
    private readonly Dictionary<AnswerKey, bool> _relevance = [];
    private readonly Dictionary<(FormBlock Block, int? Member), bool> _blockRelevance = [];

    /// <summary>The answers as the cached results last saw them (the same value objects), to tell what changed since.</summary>
    private readonly Dictionary<AnswerKey, AnswerValue> _seen = new(answers);
    private readonly HashSet<string> _changedItems = [];
    private readonly HashSet<string> _stale = [];

    public int MemberCount => eval.MemberCount;

    /// <summary>
    /// Forgets what was derived from the answers (calculations, relevance) that changed since the last call: only the
    /// results that read a changed item (see <see cref="FormGraph"/>), or everything when the member count may have
    /// changed. An answer replaced by an equal but different value object counts as changed.
    /// </summary>
    public void Invalidate()
    {
        _changedItems.Clear();
        foreach (var (key, value) in answers)
            if (!_seen.TryGetValue(key, out var before) || !ReferenceEquals(before, value)) _changedItems.Add(key.ItemId);
        if (_seen.Count != answers.Count || _changedItems.Count > 0)
            foreach (var key in _seen.Keys)
                if (!answers.ContainsKey(key)) _changedItems.Add(key.ItemId);
        if (_changedItems.Count == 0) return;
        _seen.Clear();
        foreach (var (key, value) in answers) _seen[key] = value;

        _blockRelevance.Clear();
        if (_graph.HasCycle || _graph.ChangesMemberCount(_changedItems))
        {
            eval.Invalidate();
            _relevance.Clear();
            return;
        }
        _stale.Clear();
        foreach (var id in _changedItems) _stale.UnionWith(_graph.StaleAfter(id));
        eval.Invalidate(_stale);
        foreach (var key in _relevance.Keys)
            if (_stale.Contains(key.ItemId)) _relevance.Remove(key);
    }

    /// <summary>Every question instance, in the order the form asks them (member items once per member).</summary>
    public IEnumerable<AnswerKey> AllQuestionKeys()
    {
        for (var b = 0; b < form.Blocks.Count; b++)
        {
            var questions = _graph.Questions[b];
            if (form.Blocks[b].IsRepeat)
            {
                for (var m = 1; m <= eval.MemberCount; m++)
                    foreach (var item in questions)
                        yield return new AnswerKey(item.Id, m);
            }
            else
            {
                foreach (var item in questions)
                    yield return new AnswerKey(item.Id, null);
            }
        }
    }

    /// <summary>Every relevant question instance, in the order the form asks them.</summary>
    public IEnumerable<AnswerKey> RelevantQuestions() => AllQuestionKeys().Where(IsRelevant);

    public bool IsRelevant(AnswerKey key)
    {
        if (_relevance.TryGetValue(key, out var known)) return known;
        return _relevance[key] = ComputeRelevant(key);
    }

    private bool ComputeRelevant(AnswerKey key)
    {
        var item = form.Item(key.ItemId);
        if (item.InRepeat && (key.Member is not { } m || m < 1 || m > eval.MemberCount)) return false;
        if (!BlockApplies(item, key)) return false;
        return item.Relevant is not { } r || eval.IsTrue(r, key.Member);
    }

    private bool BlockApplies(FormItem item, AnswerKey key)
    {
        if (item.Block.Relevant is not { } br) return true;
        if (_blockRelevance.TryGetValue((item.Block, key.Member), out var known)) return known;
        return _blockRelevance[(item.Block, key.Member)] = eval.IsTrue(br, key.Member);
    }

    /// <summary>Filled by the engine (Tidak Berlaku), not by the kader.</summary>
    public bool IsAutoFilled(AnswerKey key) => Contains(snapshot.AutoFilled, key);

    /// <summary>Answered by the kader, or skipped.</summary>
    public bool IsDone(AnswerKey key) => (answers.ContainsKey(key) && !IsAutoFilled(key)) || Contains(snapshot.Skipped, key);

    /// <summary>Whether a stored list of keys (<c>item#member</c>) holds this one, without spelling the key out.</summary>
    private static bool Contains(List<string> keys, AnswerKey key)
    {
        foreach (var stored in keys)
            if (key.Is(stored)) return true;
        return false;
    }

    /// <summary>An answer the walk will still ask for: relevant, and neither answered nor skipped.</summary>
    public bool IsStillToBeAsked(AnswerKey key) => !IsDone(key) && IsRelevant(key);

    /// <summary>The question being asked now: the one the kader went back or jumped to, else the first relevant one not done.</summary>
    public AnswerKey? CurrentKey
    {
        get
        {
            if (snapshot.Focus is { } f && IsRelevant(AnswerKey.Parse(f))) return AnswerKey.Parse(f);
            foreach (var key in RelevantQuestions())
                if (!IsDone(key)) return key;
            return null;
        }
    }

    /// <summary>Where an answer stands in the walk: blocks in order, members in order within the repeat.</summary>
    public int Order(AnswerKey key)
    {
        var item = form.Item(key.ItemId);
        return _graph.BlockIndex(item.Block) * 1_000_000 + (key.Member ?? 0) * 1_000 + item.Order;
    }

    private int FirstPendingOrder()
    {
        foreach (var key in RelevantQuestions())
            if (!IsDone(key)) return Order(key);
        return int.MaxValue;
    }

    /// <summary>
    /// Re-derives what follows from the answers until nothing changes: drops answers that no longer apply, fills
    /// Tidak Berlaku where the walk has passed an item no member qualifies for, and drops an automatic value that no
    /// longer fills (or whose item applies again, so it is asked). Returns how many of the kader's answers were dropped.
    /// Throws when the answers do not settle: a form whose rules chase each other is a bug to see, not to hide.
    /// </summary>
    public int Settle()
    {
        var dropped = 0;
        for (var pass = 0; ; pass++)
        {
            Invalidate();
            var changed = new List<AnswerKey>();
            foreach (var key in answers.Keys.ToList())
            {
                if (IsRelevant(key) || IsAutoFilled(key)) continue;
                Drop(key);
                dropped++;
                changed.Add(key);
            }
            snapshot.Skipped.RemoveAll(k => !IsRelevant(AnswerKey.Parse(k)));
            // Tidak Berlaku is filled once the walk has reached the item, so earlier answers (the members) decide it.
            var reached = FirstPendingOrder();
            foreach (var key in AllQuestionKeys())
            {
                var item = form.Item(key.ItemId);
                if (item.NotRelevantValue is not { } code) continue;
                var relevant = IsRelevant(key);
                var fills = !relevant && BlockApplies(item, key) && Order(key) < reached && (item.FillWhen is not { } fw || eval.IsTrue(fw, key.Member));
                if (IsAutoFilled(key) && (relevant || !fills))
                {
                    // No longer Tidak Berlaku; when the item applies again it is asked rather than kept.
                    Drop(key);
                    changed.Add(key);
                }
                else if (fills && !answers.ContainsKey(key))
                {
                    var value = new ChoiceAnswer(code);
                    answers[key] = value;
                    snapshot.AutoFilled.Add(key.ToString());
                    record(key, null, value, AnswerChangeKind.Auto);
                    changed.Add(key);
                }
            }
            if (changed.Count == 0) break;
            if (pass + 1 == MaxSettlePasses)
                throw new InvalidOperationException($"The answers of record {snapshot.RecordId} did not settle after {MaxSettlePasses} passes; still changing: {string.Join(", ", changed.Take(10))}.");
        }
        Invalidate();
        return dropped;
    }

    /// <summary>The one way an answer leaves the walk: removed, no longer automatic, and audited as dropped.</summary>
    private void Drop(AnswerKey key)
    {
        record(key, answers[key], null, AnswerChangeKind.Dropped);
        answers.Remove(key);
        snapshot.AutoFilled.Remove(key.ToString());
    }
}
