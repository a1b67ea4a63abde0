using PK.Domain.Answers;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using Stateless;

namespace PK.Domain.Interviews;

/// <summary>
/// One family's interview: the aggregate that owns its answers and the Stateless machine that walks it.
/// The current question is the one the kader went back or jumped to, else the first relevant unanswered one,
/// so an edit naturally asks what it made relevant and drops what it made irrelevant.
/// </summary>
public sealed partial class Interview
{
    private enum Phase { Answering, Reviewing, ConfirmingCancel, ConfirmingDuplicate, ConfirmingWarning, Paused, Submitted, Cancelled }

    private enum Trigger { QuestionsDone, MoreQuestions, Jump, Pause, Resume, RequestCancel, ConfirmCancel, KeepGoing, FlagDuplicate, AcceptDuplicate, Warn, WarningResolved, Submit, Reopen }

    private readonly FormDefinition _form;
    private readonly InterviewSnapshot _s;
    private readonly Dictionary<AnswerKey, AnswerValue> _answers;
    private readonly StateMachine<Phase, Trigger> _machine;
    private readonly Triggers _triggers;
    private readonly List<AnswerChange> _changes = [];
    private readonly ExpressionEvaluator _eval;
    private readonly FormWalk _walk;
    private DateTimeOffset _now;

    private Interview(FormDefinition form, InterviewSnapshot snapshot)
    {
        _form = form;
        _s = snapshot;
        _answers = snapshot.Answers.ToDictionary(a => AnswerKey.Parse(a.Key), a => a.Value);
        _eval = new ExpressionEvaluator(form, _answers, snapshot.InterviewDate);
        _walk = new FormWalk(form, snapshot, _answers, _eval, Record);
        _machine = new StateMachine<Phase, Trigger>(() => Enum.Parse<Phase>(_s.Phase), p => _s.Phase = p.ToString());
        _triggers = Configure(_machine, snapshot, () => _now);
    }

    /// <summary>The triggers that carry data to the transition they fire.</summary>
    private sealed record Triggers(
        StateMachine<Phase, Trigger>.TriggerWithParameters<string> Jump,
        StateMachine<Phase, Trigger>.TriggerWithParameters<StoredAnswer, string> Warn,
        StateMachine<Phase, Trigger>.TriggerWithParameters<string, string> FlagDuplicate);

    /// <summary>
    /// The machine, with the side effects of its transitions on them: what the snapshot records when a phase is
    /// entered lives here, not around the calls that fire the triggers.
    /// </summary>
    private static Triggers Configure(StateMachine<Phase, Trigger> m, InterviewSnapshot s, Func<DateTimeOffset> now)
    {
        var triggers = new Triggers(
            m.SetTriggerParameters<string>(Trigger.Jump),
            m.SetTriggerParameters<StoredAnswer, string>(Trigger.Warn),
            m.SetTriggerParameters<string, string>(Trigger.FlagDuplicate));
        m.Configure(Phase.Answering)
            .OnEntryFrom(triggers.Jump, focus => s.Focus = focus, "focus the question jumped to")
            .OnEntryFrom(Trigger.AcceptDuplicate, () => s.DeliberateDuplicate = true, "keep as its own family")
            .OnEntryFrom(Trigger.WarningResolved, ClearWarning, "forget the held answer")
            .Permit(Trigger.QuestionsDone, Phase.Reviewing)
            .PermitReentry(Trigger.Jump)
            .Permit(Trigger.Pause, Phase.Paused)
            .Permit(Trigger.RequestCancel, Phase.ConfirmingCancel)
            .Permit(Trigger.FlagDuplicate, Phase.ConfirmingDuplicate)
            .Permit(Trigger.Warn, Phase.ConfirmingWarning);
        m.Configure(Phase.Reviewing)
            .OnEntryFrom(Trigger.Reopen, () =>
            {
                s.Version++;
                s.SubmittedAt = null;
            }, "next version")
            .Permit(Trigger.Jump, Phase.Answering)
            .Permit(Trigger.MoreQuestions, Phase.Answering)
            .Permit(Trigger.Submit, Phase.Submitted)
            .Permit(Trigger.Pause, Phase.Paused)
            .Permit(Trigger.RequestCancel, Phase.ConfirmingCancel)
            .Permit(Trigger.FlagDuplicate, Phase.ConfirmingDuplicate);
        m.Configure(Phase.ConfirmingCancel)
            .OnEntryFrom(Trigger.RequestCancel, t => s.PhaseBeforeCancel = t.Source.ToString(), "remember where to return")
            .Permit(Trigger.ConfirmCancel, Phase.Cancelled)
            .Permit(Trigger.KeepGoing, Phase.Answering);
        m.Configure(Phase.ConfirmingDuplicate)
            .OnEntryFrom(triggers.FlagDuplicate, (recordId, description) =>
            {
                s.DuplicateOf = recordId;
                s.DuplicateDescription = description;
            }, "note the family it matches")
            .Permit(Trigger.AcceptDuplicate, Phase.Answering)
            .Permit(Trigger.ConfirmCancel, Phase.Cancelled)
            .Permit(Trigger.Pause, Phase.Paused);
        m.Configure(Phase.ConfirmingWarning)
            .OnEntryFrom(triggers.Warn, (answer, warning) =>
            {
                s.PendingAnswer = answer;
                s.PendingWarning = warning;
            }, "hold the answer")
            .Permit(Trigger.WarningResolved, Phase.Answering)
            .Permit(Trigger.Pause, Phase.Paused)
            .Permit(Trigger.RequestCancel, Phase.ConfirmingCancel);
        m.Configure(Phase.Paused)
            .Permit(Trigger.Resume, Phase.Answering)
            .Permit(Trigger.RequestCancel, Phase.ConfirmingCancel);
        m.Configure(Phase.Submitted)
            .OnEntryFrom(Trigger.Submit, () => s.SubmittedAt = now(), "stamp the submission")
            .Permit(Trigger.Reopen, Phase.Reviewing);
        m.Configure(Phase.Cancelled);
        return triggers;

        void ClearWarning()
        {
            s.PendingAnswer = null;
            s.PendingWarning = null;
        }
    }

    // ---- creating and restoring ------------------------------------------------------------

    public static Interview Start(FormDefinition form, Guid recordId, string kaderId, string desaCode, DateTimeOffset now, TimeSpan localOffset)
    {
        var snapshot = new InterviewSnapshot
        {
            RecordId = recordId,
            FormId = form.Id,
            FormVersion = form.Version,
            KaderId = kaderId,
            RegionCode = desaCode,
            StartedAt = now,
            UpdatedAt = now,
            InterviewDate = DateOnly.FromDateTime(now.ToOffset(localOffset).DateTime),
        };
        var interview = new Interview(form, snapshot) { _now = now };
        interview.Settle();
        return interview;
    }

    public static Interview Restore(FormDefinition form, InterviewSnapshot snapshot) => new(form, snapshot);

    /// <summary>The stored form of this interview, up to date with every change made through it.</summary>
    public InterviewSnapshot Snapshot
    {
        get
        {
            _s.Answers = _answers.OrderBy(a => Order(a.Key)).Select(a => new StoredAnswer(a.Key.ToString(), a.Value)).ToList();
            _s.Status = CurrentPhase switch
            {
                Phase.Submitted => InterviewStatus.Submitted,
                Phase.Cancelled => InterviewStatus.Cancelled,
                Phase.Paused => InterviewStatus.Paused,
                _ when _s.Status == InterviewStatus.Parked => InterviewStatus.Parked,
                _ => InterviewStatus.InProgress,
            };
            return _s;
        }
    }

    public Guid RecordId => _s.RecordId;
    public FormDefinition Form => _form;
    public bool IsReviewing => CurrentPhase == Phase.Reviewing;
    public bool IsAnswering => CurrentPhase == Phase.Answering;
    public bool IsPaused => CurrentPhase == Phase.Paused;
    public bool IsSubmitted => CurrentPhase == Phase.Submitted;
    public bool IsCancelled => CurrentPhase == Phase.Cancelled;
    public bool IsConfirming => CurrentPhase is Phase.ConfirmingCancel or Phase.ConfirmingDuplicate or Phase.ConfirmingWarning;
    public bool IsFinished => IsSubmitted || IsCancelled;
    public IReadOnlyDictionary<AnswerKey, AnswerValue> Answers => _answers;
    public int MemberCount => _walk.MemberCount;
    public DateOnly InterviewDate => _s.InterviewDate;

    private Phase CurrentPhase => _machine.State;

    /// <summary>The audit entries made since the last call.</summary>
    public IReadOnlyList<AnswerChange> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    /// <summary>The interview's machine as a Mermaid state diagram (for the README).</summary>
    public static string MermaidDiagram()
    {
        var m = new StateMachine<Phase, Trigger>(Phase.Answering);
        Configure(m, new InterviewSnapshot(), () => default);
        return Stateless.Graph.MermaidGraph.Format(m.GetInfo());
    }

    // ---- the walk --------------------------------------------------------------------------

    /// <summary>Every relevant question instance, in the order the form asks them.</summary>
    public IEnumerable<AnswerKey> RelevantQuestions() => _walk.RelevantQuestions();

    /// <summary>What the summary lists: relevant questions, and the Tidak Berlaku the engine filled.</summary>
    public IEnumerable<AnswerKey> SummaryKeys() => _walk.AllQuestionKeys().Where(k => IsRelevant(k) || IsAutoFilled(k));

    public bool IsAutoFilled(AnswerKey key) => _walk.IsAutoFilled(key);

    public bool IsRelevant(AnswerKey key) => _walk.IsRelevant(key);

    private bool IsDone(AnswerKey key) => _walk.IsDone(key);

    private void Invalidate() => _walk.Invalidate();

    private int Order(AnswerKey key) => _walk.Order(key);

    /// <summary>The question being asked now, if any.</summary>
    public AnswerKey? CurrentKey => _walk.CurrentKey;

    public FormItem? CurrentItem => CurrentKey is { } k ? _form.Item(k.ItemId) : null;

    /// <summary>What "ok" would record for a question: its current answer, else the form's default.</summary>
    public AnswerValue? Proposal(AnswerKey key)
    {
        if (_answers.TryGetValue(key, out var current) && !IsAutoFilled(key)) return current;
        var item = _form.Item(key.ItemId);
        return item.Default is { } d ? ToAnswer(item, _eval.Evaluate(d, key.Member, null)) : null;
    }

    /// <summary>Whether the item's proposal is read from a NIK (so a different answer is a warning to confirm).</summary>
    public bool ProposesFromNik(FormItem item) =>
        item.Default is { } d && d.Fields.Any(f => _form.ItemsById.TryGetValue(f, out var i) && i.Type == QuestionType.Nik);

    private static AnswerValue? ToAnswer(FormItem item, object value)
    {
        switch (item.Type)
        {
            case QuestionType.SelectOne when value is long code && item.Choices!.Any(c => c.Code == code):
                return new ChoiceAnswer((int)code);
            case QuestionType.Integer when value is long n && (item.Range is null || (n >= item.Range.Min && n <= item.Range.Max)):
                return new NumberAnswer(n);
            case QuestionType.Date or QuestionType.BirthDate when value is DateTime dt:
                return new DateAnswer(DateOnly.FromDateTime(dt));
            case QuestionType.Text or QuestionType.Name when value is string { Length: > 0 } s:
                return new TextAnswer(s);
            default:
                return null;
        }
    }

    /// <summary>Re-derives everything that follows from the answers (see <see cref="FormWalk.Settle"/>), then the keys and the phase.</summary>
    private List<string> Settle()
    {
        var notices = new List<string>();
        var dropped = _walk.Settle();
        if (dropped > 0) notices.Add(string.Format(Texts.Dropped, dropped));
        UpdateKeys();
        if (_s.Focus is { } f && (IsDone(AnswerKey.Parse(f)) is false && !IsRelevant(AnswerKey.Parse(f)))) _s.Focus = null;
        if (CurrentPhase == Phase.Answering && CurrentKey is null) _machine.Fire(Trigger.QuestionsDone);
        else if (CurrentPhase == Phase.Reviewing && CurrentKey is not null) _machine.Fire(Trigger.MoreQuestions);
        return notices;
    }

    private void UpdateKeys()
    {
        if (_form.FamilyKey is not { } keys)
        {
            (_s.FamilyKey, _s.KkNik) = (null, null);
            return;
        }
        string? Part(string id) => _answers.TryGetValue(new AnswerKey(id, null), out var v) ? v.ToString() : null;
        var parts = keys.NaturalKey.Select(Part).ToArray();
        _s.FamilyKey = parts.All(p => p is not null) ? $"{_s.RegionCode}|{string.Join("|", parts.Select(p => p!.Trim().ToUpperInvariant()))}" : null;
        _s.KkNik = _answers.TryGetValue(new AnswerKey(keys.KkNik, 1), out var nik) && nik is NikAnswer { Nik: { } n } ? n : null;
    }

    private void Record(AnswerKey key, AnswerValue? previous, AnswerValue? value, AnswerChangeKind kind) =>
        _changes.Add(new AnswerChange(_s.RecordId, key.ToString(), key.ItemId, key.Member, previous, value, kind, _now));

    private void Touch(DateTimeOffset now)
    {
        _now = now;
        _s.UpdatedAt = now;
        if (_s.Status == InterviewStatus.Parked) _s.Status = InterviewStatus.InProgress;
    }

    /// <summary>Marks an interview idle too long as parked (never deleted); the kader is offered it back.</summary>
    public void Park() => _s.Status = InterviewStatus.Parked;

    public bool IsParked => _s.Status == InterviewStatus.Parked;

    // ---- answering -------------------------------------------------------------------------

    /// <summary>Applies typed text (or a chosen option's code) to the current question, or to several consecutive ones.</summary>
    public StepOutcome Answer(string text, DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase == Phase.ConfirmingWarning) return ResolveWarning(text);
        if (CurrentPhase != Phase.Answering || CurrentKey is not { } first) return StepOutcome.Refuse(Texts.NotNow);

        var applied = new List<AnswerKey>();
        var echoes = new List<Recorded>();
        if (AnswerNameAndNik(first, text) is { } nameAndNik) return nameAndNik;
        var whole = Try(first, text.Trim());
        if (whole.Accepted is not null || !LooksLikeBatch(text, first)) return Finish(first, whole, applied, echoes, []);

        // Several answers in one message: each fills the next question until one is refused.
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (CurrentPhase != Phase.Answering || CurrentKey is not { } key || !TakesToken(_form.Item(key.ItemId), key, tokens[i]))
                return Finish(null, null, applied, echoes, tokens[i..]);
            var attempt = Try(key, tokens[i]);
            if (attempt.Accepted is null || attempt.WarningToConfirm is not null)
                return Finish(key, attempt, applied, echoes, tokens[(i + 1)..]);
            echoes.Add(Apply(key, attempt.Accepted, attempt.Notice));
            applied.Add(key);
            Settle();
        }
        return Finish(null, null, applied, echoes, []);
    }

    private StepOutcome Finish(AnswerKey? key, Attempt? attempt, List<AnswerKey> applied, List<Recorded> echoes, string[] unused)
    {
        string? refusal = null;
        Confirmation? question = null;
        if (attempt is { Accepted: null }) refusal = attempt.Refusal;
        else if (attempt is { WarningToConfirm: { } warning, Accepted: { } held })
        {
            question = new Confirmation.Warning(warning, key!.Value, held);
        }
        else if (attempt is { Accepted: { } value })
        {
            echoes.Add(Apply(key!.Value, value, attempt.Notice));
            applied.Add(key.Value);
        }
        var notices = Settle();
        var broken = BrokenElsewhere(applied).ToList();
        if (question is Confirmation.Warning w) _machine.Fire(_triggers.Warn, new StoredAnswer(w.Key.ToString(), w.Value), w.Message);
        return new StepOutcome(echoes, notices, refusal) { Question = question, Broken = broken, Unused = unused };
    }

    private bool LooksLikeBatch(string text, AnswerKey first) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > 1 &&
        _form.Item(first.ItemId).Type is not (QuestionType.Text or QuestionType.Name or QuestionType.SelectMultiple);

    private bool TakesToken(FormItem item, AnswerKey key, string token) =>
        item.TakesOneToken || item.Type is QuestionType.Date or QuestionType.BirthDate or QuestionType.MonthYear ||
        (IsOk(token) && Proposal(key) is not null);

    private static bool IsOk(string text) => text.Trim().ToLowerInvariant() is "ok" or "oke" or "okay" or "sip" or "k";

    private sealed record Attempt(AnswerValue? Accepted, string? Refusal, string? Notice, string? WarningToConfirm);

    private Attempt Try(AnswerKey key, string text)
    {
        var item = _form.Item(key.ItemId);
        AnswerValue value;
        string? notice = null;
        if (IsOk(text))
        {
            if (Proposal(key) is not { } proposal) return new Attempt(null, Texts.NoProposal, null, null);
            value = proposal;
        }
        else
        {
            switch (AnswerParser.Parse(item.Type, text, item.Choices, item.Range, new ParseContext(_s.InterviewDate)))
            {
                case ParseResult.Accepted a:
                    value = a.Value;
                    notice = a.Warning;
                    break;
                case ParseResult.Refused r:
                    return new Attempt(null, r.Message, null, null);
                case ParseResult.Ambiguous amb:
                    return new Attempt(null, amb.Message, null, null);
                default:
                    return new Attempt(null, Texts.NotNow, null, null);
            }
        }
        if (BrokenRule(key, value) is { } broken) return new Attempt(null, broken.Message.Indonesian, null, null);

        string? warning = null;
        if (ProposesFromNik(item) && !IsOk(text) && Proposal(key) is { } fromNik && !fromNik.Equals(value) && !_answers.ContainsKey(key))
            warning = item.Type == QuestionType.SelectOne
                ? string.Format(Texts.NikSexMismatch, item.ChoiceLabel(((ChoiceAnswer)fromNik).Code))
                : string.Format(Texts.NikDateMismatch, fromNik);
        return new Attempt(value, null, notice, warning);
    }

    /// <summary>The first rule a candidate answer breaks, judged with the candidate in place (so sums count it).</summary>
    private FormConstraint? BrokenRule(AnswerKey key, AnswerValue value)
    {
        var item = _form.Item(key.ItemId);
        if (item.Constraints.Count == 0) return null;
        var tentative = new Dictionary<AnswerKey, AnswerValue>(_answers) { [key] = value };
        var eval = new ExpressionEvaluator(_form, tentative, _s.InterviewDate);
        return item.Constraints.FirstOrDefault(c => eval.Check(c.Expression, key.Member, value.ExpressionValue, IsStillToBeAsked) == RuleCheck.Broken);
    }

    /// <summary>The first rule an answer breaks now; a rule that reads an answer still to be asked waits for it.</summary>
    private FormConstraint? BrokenNow(FormItem item, AnswerKey key, AnswerValue value) =>
        item.Constraints.FirstOrDefault(c => _eval.Check(c.Expression, key.Member, value.ExpressionValue, IsStillToBeAsked) == RuleCheck.Broken);

    private bool IsStillToBeAsked(AnswerKey key) => _walk.IsStillToBeAsked(key);

    private StepOutcome ResolveWarning(string text)
    {
        var pending = _s.PendingAnswer!;
        switch (YesNo(text))
        {
            case true:
                _machine.Fire(Trigger.WarningResolved);
                var key = AnswerKey.Parse(pending.Key);
                var echo = Apply(key, pending.Value, null);
                return StepOutcome.Accepted([echo], Settle()) with { Broken = BrokenElsewhere([key]).ToList() };
            case false:
                _machine.Fire(Trigger.WarningResolved);
                return StepOutcome.Accepted([], Settle());
            default:
                return StepOutcome.Refuse(Texts.ReplyYesOrNo);
        }
    }

    /// <summary>Reads ya/tidak for the bot's own confirmations.</summary>
    public static bool? YesNo(string text) => text.Trim().ToLowerInvariant().TrimEnd('.', '!') switch
    {
        "ya" or "y" or "iya" or "yes" or "ok" or "oke" or "benar" or "betul" or "1" => true,
        "tidak" or "t" or "tdk" or "gak" or "ga" or "nggak" or "enggak" or "no" or "bukan" or "2" => false,
        _ => null,
    };

    private Recorded Apply(AnswerKey key, AnswerValue value, string? notice)
    {
        var had = _answers.TryGetValue(key, out var previous) && !IsAutoFilled(key);
        if (!had || !previous!.Equals(value))
        {
            if (had) _s.ChangeCount++;
            _answers[key] = value;
            _s.AutoFilled.Remove(key.ToString());
            Record(key, had ? previous : null, value, had ? AnswerChangeKind.Changed : AnswerChangeKind.Set);
        }
        _s.Skipped.Remove(key.ToString());
        if (_s.Focus == key.ToString()) _s.Focus = null;
        Invalidate();
        return new Recorded(key, value, notice);
    }

    /// <summary>Constraints of other answered items that the latest change broke, named so the kader can fix them.</summary>
    private IEnumerable<InterviewProblem> BrokenElsewhere(IReadOnlyCollection<AnswerKey> changed)
    {
        if (changed.Count == 0) yield break;
        foreach (var (key, value) in _answers.ToList())
        {
            if (changed.Contains(key) || IsAutoFilled(key)) continue;
            var item = _form.Item(key.ItemId);
            if (BrokenNow(item, key, value) is { } broken)
                yield return new InterviewProblem(key, ProblemKind.BrokenRule, broken.Message.Indonesian);
        }
    }

    // ---- commands --------------------------------------------------------------------------

    public StepOutcome Skip(DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase != Phase.Answering || CurrentKey is not { } key) return StepOutcome.Refuse(Texts.NotNow);
        var item = _form.Item(key.ItemId);
        if (item.Required) return StepOutcome.Refuse(Texts.Required);
        if (_answers.Remove(key, out var previous)) Record(key, previous, null, AnswerChangeKind.Changed);
        _s.Skipped.Add(key.ToString());
        if (_s.Focus == key.ToString()) _s.Focus = null;
        return StepOutcome.Accepted([new Recorded(key, null)], Settle());
    }

    /// <summary>Goes to the relevant question before the current one (or the last one, from review).</summary>
    public StepOutcome Back(DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase is not (Phase.Answering or Phase.Reviewing)) return StepOutcome.Refuse(Texts.NotNow);
        var questions = RelevantQuestions().ToList();
        var index = CurrentPhase == Phase.Reviewing || CurrentKey is not { } current ? questions.Count : questions.IndexOf(current);
        if (index <= 0) return StepOutcome.Refuse(Texts.NothingToGoBackTo);
        _machine.Fire(_triggers.Jump, questions[index - 1].ToString());
        return StepOutcome.Accepted([], []);
    }

    /// <summary>Jumps to an item by its summary number (<c>2.5</c>, <c>III.23</c>, <c>K.3</c>).</summary>
    public StepOutcome Edit(string number, DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase is not (Phase.Answering or Phase.Reviewing)) return StepOutcome.Refuse(Texts.NotNow);
        if (string.IsNullOrWhiteSpace(number)) return StepOutcome.Refuse(Texts.EditWhich);
        var wanted = number.Trim().TrimEnd('.').ToUpperInvariant();
        foreach (var key in RelevantQuestions())
        {
            if (!string.Equals(_form.Item(key.ItemId).DisplayNumber(key.Member), wanted, StringComparison.OrdinalIgnoreCase)) continue;
            _machine.Fire(_triggers.Jump, key.ToString());
            return StepOutcome.Accepted([], []);
        }
        var shown = number.Trim();
        return StepOutcome.Refuse(string.Format(Texts.NoSuchNumber, shown.Length > 20 ? shown[..20] + "…" : shown));
    }

    public StepOutcome Pause(DateTimeOffset now)
    {
        Touch(now);
        if (!_machine.CanFire(Trigger.Pause)) return StepOutcome.Refuse(Texts.NotNow);
        _machine.Fire(Trigger.Pause);
        return StepOutcome.Accepted([], [Texts.Paused]);
    }

    public StepOutcome Resume(DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase == Phase.Paused) _machine.Fire(Trigger.Resume);
        return StepOutcome.Accepted([], Settle());
    }

    public StepOutcome RequestCancel(DateTimeOffset now)
    {
        Touch(now);
        if (!_machine.CanFire(Trigger.RequestCancel)) return StepOutcome.Refuse(Texts.NotNow);
        _machine.Fire(Trigger.RequestCancel);
        return StepOutcome.Accepted([], []) with { Question = new Confirmation.Cancel() };
    }

    /// <summary>The kader's ya/tidak to a cancel or duplicate question.</summary>
    public StepOutcome Confirm(string text, DateTimeOffset now)
    {
        Touch(now);
        var answer = YesNo(text);
        if (CurrentPhase == Phase.ConfirmingWarning) return ResolveWarning(text);
        if (answer is null) return StepOutcome.Refuse(Texts.ReplyYesOrNo);
        if (CurrentPhase == Phase.ConfirmingCancel)
        {
            if (answer.Value)
            {
                _machine.Fire(Trigger.ConfirmCancel);
                return StepOutcome.Accepted([], [Texts.Cancelled]);
            }
            _machine.Fire(Trigger.KeepGoing);
            var notices = new List<string> { Texts.CancelCalledOff };
            if (_s.PhaseBeforeCancel == nameof(Phase.Paused)) _machine.Fire(Trigger.Pause);
            notices.AddRange(Settle());
            return StepOutcome.Accepted([], notices);
        }
        if (CurrentPhase == Phase.ConfirmingDuplicate)
        {
            if (answer.Value)
            {
                _machine.Fire(Trigger.AcceptDuplicate);
                return StepOutcome.Accepted([], [Texts.DuplicateKept, .. Settle()]);
            }
            _machine.Fire(Trigger.ConfirmCancel);
            return StepOutcome.Accepted([], [Texts.Cancelled]);
        }
        return StepOutcome.Refuse(Texts.NotNow);
    }

    /// <summary>Stops before a second copy of a family goes on: the kader decides.</summary>
    public StepOutcome FlagDuplicate(string recordId, string description)
    {
        if (_s.DeliberateDuplicate || _s.DuplicateOf == recordId || !_machine.CanFire(Trigger.FlagDuplicate)) return StepOutcome.Accepted([], []);
        _machine.Fire(_triggers.FlagDuplicate, recordId, description);
        return StepOutcome.Accepted([], []) with { Question = new Confirmation.Duplicate(description) };
    }

    /// <summary>Submits from review when the family is complete and consistent.</summary>
    public StepOutcome Submit(DateTimeOffset now)
    {
        Touch(now);
        if (CurrentPhase == Phase.Answering && CurrentKey is { } current)
            return StepOutcome.Accepted([], []) with { Incomplete = [new InterviewProblem(current, ProblemKind.Missing)] };
        if (CurrentPhase != Phase.Reviewing) return StepOutcome.Refuse(CurrentPhase == Phase.Answering ? string.Format(Texts.NotComplete, "") : Texts.NotNow);
        var problems = Problems().ToList();
        if (problems.Count > 0) return StepOutcome.Accepted([], []) with { Incomplete = problems };
        _machine.Fire(Trigger.Submit);
        return StepOutcome.Accepted([], [_s.Version > 1 ? string.Format(Texts.Resubmitted, _s.Version) : Texts.Submitted]);
    }

    /// <summary>Reopens a submitted family for correction: the next submission is the next version of the same record.</summary>
    public StepOutcome Reopen(DateTimeOffset now)
    {
        Touch(now);
        if (!_machine.CanFire(Trigger.Reopen)) return StepOutcome.Refuse(Texts.NotNow);
        _machine.Fire(Trigger.Reopen);
        return StepOutcome.Accepted([], Settle());
    }

    /// <summary>Why the family cannot be submitted: missing required answers, answers that no longer apply, broken constraints.</summary>
    public IEnumerable<InterviewProblem> Problems()
    {
        var relevant = RelevantQuestions().ToHashSet();
        foreach (var key in relevant)
        {
            if (!IsDone(key) && _form.Item(key.ItemId).Required) yield return new InterviewProblem(key, ProblemKind.Missing);
        }
        foreach (var (key, value) in _answers)
        {
            var item = _form.Item(key.ItemId);
            if (IsAutoFilled(key)) continue;
            if (!relevant.Contains(key)) yield return new InterviewProblem(key, ProblemKind.NoLongerApplies);
            else if (BrokenNow(item, key, value) is { } broken)
                yield return new InterviewProblem(key, ProblemKind.BrokenRule, broken.Message.Indonesian);
        }
    }

    /// <summary>The value of a calculation or answer as expressions see it (for indicators and records).</summary>
    public object ValueOf(string itemId, int? member = null) => _eval.ValueOf(itemId, member);

    /// <summary>The ya/tidak question waiting for an answer, if any.</summary>
    public Confirmation? PendingConfirmation => CurrentPhase switch
    {
        Phase.ConfirmingCancel => new Confirmation.Cancel(),
        Phase.ConfirmingWarning when _s.PendingAnswer is { } p => new Confirmation.Warning(_s.PendingWarning ?? "", AnswerKey.Parse(p.Key), p.Value),
        Phase.ConfirmingDuplicate => new Confirmation.Duplicate(_s.DuplicateDescription ?? ""),
        _ => null,
    };
}
