using System.Globalization;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Records;
using PK.Domain.Regions;

namespace PK.Domain.Conversations;

/// <summary>Who is talking: a roster person.</summary>
public sealed record Actor(string PersonId, string Name, Role Role, RegionCode Region);

/// <summary>Settings of the interview that no source settled, or that operators tune.</summary>
public sealed record InterviewOptions
{
    /// <summary>An interview untouched this long is parked (never deleted) and offered back.</summary>
    public TimeSpan ParkAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long after submission a kader may still correct a family with /koreksi.</summary>
    public int CorrectionDays { get; init; } = 14;

    /// <summary>Longest message the engine reads; longer ones are refused without being parsed.</summary>
    public int MaxMessageLength { get; init; } = 1000;
}

/// <summary>Per-chat state between turns (stored by the host as JSON).</summary>
public sealed class ConversationState
{
    public Guid? ActiveInterview { get; set; }

    /// <summary>A pick the kader was asked to make: desa, resume, koreksi, parked.</summary>
    public string? Pending { get; set; }

    /// <summary>The options of that pick, in the order shown (desa codes or record ids).</summary>
    public List<string> PendingOptions { get; set; } = [];

    /// <summary>When the last refusal was made: messages sent before it (a burst typed offline) are held, not applied.</summary>
    public DateTimeOffset? RefusedAt { get; set; }
}

public sealed record TurnInput(Actor Actor, ConversationState State, IReadOnlyList<InterviewSnapshot> Interviews, Inbound Message, DateTimeOffset Now, IFamilyRegistry Registry);

public sealed record TurnResult(ConversationState State, IReadOnlyList<Reply> Replies, IReadOnlyList<InterviewSnapshot> Changed, IReadOnlyList<AnswerChange> Audit, IReadOnlyList<FamilyRecord> Submitted);

/// <summary>
/// One turn of a kader's conversation: commands, picks, and answers to the active interview.
/// Pure: the host loads the state and interviews, calls <see cref="Handle"/>, and saves what comes back in one transaction.
/// </summary>
public sealed class ConversationEngine(FormDefinition form, RegionDirectory regions, InterviewOptions options)
{
    private static readonly string[] CommandWords = ["mulai", "lanjut", "kembali", "lewati", "ringkasan", "ubah", "kirim", "jeda", "batal", "koreksi", "bantuan", "start", "help"];

    public FormDefinition Form => form;

    public TurnResult Handle(TurnInput input) => new Turn(this, input).Run();

    private sealed class Turn(ConversationEngine engine, TurnInput input)
    {
        private readonly ConversationState _state = input.State;
        private readonly Dictionary<Guid, Interview> _loaded = [];
        private readonly HashSet<Guid> _changed = [];
        private readonly List<Reply> _replies = [];
        private readonly List<AnswerChange> _audit = [];
        private readonly List<FamilyRecord> _submitted = [];
        private readonly List<string> _lines = [];
        private bool _refused;
        private DateTimeOffset Now => input.Now;
        private FormDefinition Form => engine.Form;

        public TurnResult Run()
        {
            ParkIdle();
            var message = input.Message;
            var text = message.Text ?? "";
            if (message.Kind == InboundKind.Unsupported)
            {
                Refuse(Texts.Unsupported);
                AskAgain();
            }
            else if (text.Length > engine.Options.MaxMessageLength)
            {
                Refuse(string.Format(Texts.TooLong, FormatCount(text.Length)));
                AskAgain();
            }
            else if (IsHeld(message)) _lines.Add(string.Format(Texts.HeldMessage, Clip(text.Trim(), 40)));
            else Dispatch(message.Kind, text.Trim());

            // Every message gets an answer, whatever state the chat is in.
            if (_lines.Count == 0 && _replies.Count == 0) _lines.Add(Active is { IsPaused: true } ? Texts.Paused : Texts.NoActiveFamily);
            Flush();
            if (_refused) _state.RefusedAt = Now;
            foreach (var interview in _loaded.Values) _audit.AddRange(interview.TakeChanges());
            return new TurnResult(_state, _replies, _changed.Select(id => _loaded[id].Snapshot).ToList(), _audit, _submitted);
        }

        // ---- routing ----------------------------------------------------------------------

        private void Dispatch(InboundKind kind, string text)
        {
            if (kind == InboundKind.Option)
            {
                Option(text);
                return;
            }
            if (text.StartsWith('/'))
            {
                Command(text[1..]);
                return;
            }
            if (text.Length == 0)
            {
                AskAgain();
                return;
            }
            if (!TakesFreeText() && IsCommandWord(text))
            {
                Command(text);
                return;
            }
            if (_state.Pending is not null)
            {
                Pick(text);
                return;
            }
            Answer(text);
        }

        private bool IsHeld(Inbound message)
        {
            if (_state.RefusedAt is not { } refusedAt) return false;
            // Platforms stamp messages to the second: anything sent in an earlier second was typed before the refusal arrived.
            var refusalSecond = refusedAt.AddTicks(-(refusedAt.Ticks % TimeSpan.TicksPerSecond));
            if (message.SentAt < refusalSecond && !(message.Text ?? "").TrimStart().StartsWith('/')) return true;
            _state.RefusedAt = null;
            return false;
        }

        private bool TakesFreeText() =>
            _state.Pending is "desa" ||
            (Active is { IsAnswering: true } a && a.CurrentItem?.Type is QuestionType.Text or QuestionType.Name);

        private static bool IsCommandWord(string text)
        {
            var word = text.Split(' ', 2)[0].ToLowerInvariant();
            return CommandWords.Contains(word) && (word == "ubah" || !text.Contains(' '));
        }

        private void Command(string text)
        {
            var parts = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var name = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
            var arg = parts.Length > 1 ? parts[1].Trim() : "";
            var at = name.IndexOf('@'); // Telegram appends the bot's name in groups: /mulai@PkBot
            if (at > 0) name = name[..at];
            switch (name)
            {
                case "start":
                    _lines.Add(string.Format(Texts.Welcome, input.Actor.Name));
                    if (Active is not null) AskAgain();
                    break;
                case "bantuan" or "help":
                    _lines.Add(Texts.Help);
                    if (Active is not null) AskAgain();
                    break;
                case "mulai":
                    StartFamily();
                    break;
                case "lanjut":
                    ResumeFamily();
                    break;
                case "koreksi":
                    OfferCorrections();
                    break;
                case "kembali":
                    WithActive(i => i.Back(Now));
                    break;
                case "lewati":
                    WithActive(i => i.Skip(Now));
                    break;
                case "ubah":
                    WithActive(i => i.Edit(arg, Now));
                    break;
                case "jeda":
                    WithActive(i => i.Pause(Now), askNext: false);
                    break;
                case "batal":
                    WithActive(i => i.RequestCancel(Now));
                    break;
                case "kirim":
                    WithActive(i => i.Submit(Now));
                    break;
                case "ringkasan":
                    if (Active is not { } active)
                    {
                        _lines.Add(Texts.NoActiveFamily);
                        break;
                    }
                    _replies.Add(Reply.Plain(Summary.Render(active, engine.Regions)));
                    AskAgain();
                    break;
                default:
                    Refuse(string.Format(Texts.UnknownCommand, "/" + Clip(name, 20)));
                    AskAgain();
                    break;
            }
        }

        private void Option(string token)
        {
            var parts = token.Split('|');
            switch (parts[0])
            {
                case "a" or "m" when parts.Length == 4:
                    if (Active is not { IsAnswering: true } active || ShortId(active.RecordId) != parts[1] || active.CurrentKey?.ToString() != parts[2])
                    {
                        _lines.Add(Texts.StaleButton);
                        AskAgain();
                        return;
                    }
                    Answer(parts[3]);
                    return;
                case "p" when parts.Length == 2 && _state.Pending is not null:
                    Pick(parts[1]);
                    return;
                case "y" when parts.Length == 2:
                    Answer(parts[1]);
                    return;
                case "c" when parts.Length == 2:
                    Command(parts[1]);
                    return;
                default:
                    _lines.Add(Texts.StaleButton);
                    AskAgain();
                    return;
            }
        }

        // ---- families ---------------------------------------------------------------------

        private Interview? Active => _state.ActiveInterview is { } id ? Load(id) : null;

        private Interview? Load(Guid id)
        {
            if (_loaded.TryGetValue(id, out var loaded)) return loaded;
            var snapshot = input.Interviews.FirstOrDefault(s => s.RecordId == id);
            if (snapshot is null) return null;
            var interview = Interview.Restore(Form, snapshot);
            _loaded[id] = interview;
            return interview;
        }

        private IEnumerable<Interview> Unfinished() =>
            input.Interviews.Where(s => s.Status is InterviewStatus.InProgress or InterviewStatus.Paused or InterviewStatus.Parked)
                .Select(s => Load(s.RecordId)!)
                .Where(i => !i.IsFinished)
                .OrderByDescending(i => i.Snapshot.UpdatedAt);

        private void ParkIdle()
        {
            foreach (var snapshot in input.Interviews.Where(s => s.Status == InterviewStatus.InProgress && Now - s.UpdatedAt > engine.Options.ParkAfter))
            {
                Load(snapshot.RecordId)!.Park();
                _changed.Add(snapshot.RecordId);
            }
            if (Active is { IsParked: true } parked && _state.Pending is null)
            {
                _state.Pending = "parked";
                _state.PendingOptions = [parked.RecordId.ToString()];
                _lines.Add(string.Format(Texts.ParkedOffer, Describe(parked)));
                _replies.Add(PickReply(_lines, [("1", "Lanjutkan"), ("2", "Keluarga baru")]));
                _lines.Clear();
                _state.ActiveInterview = null;
                _parkedOffered = true;
            }
        }

        private bool _parkedOffered;

        private void StartFamily()
        {
            ClearPending();
            var region = input.Actor.Region;
            if (region.Level == RegionLevel.Desa)
            {
                Begin(region);
                return;
            }
            _state.Pending = "desa";
            _state.PendingOptions = [];
            _lines.Add(Texts.ChooseDesa);
        }

        private void Begin(RegionCode desa)
        {
            if (Active is { IsFinished: false } previous)
            {
                if (previous.IsAnswering || previous.IsReviewing) Step(previous, previous.Pause(Now), askNext: false, quiet: true);
                _lines.Add(Texts.PreviousKept);
            }
            var id = Guid.CreateVersion7(Now);
            var interview = Interview.Start(Form, id, input.Actor.PersonId, desa.Dotted, Now, Provinces.OffsetOf(desa.TimeZone));
            _loaded[id] = interview;
            _changed.Add(id);
            _state.ActiveInterview = id;
            _lines.Add(string.Format(Texts.StartedFamily, engine.Regions.FullNameOf(desa)));
            AskAgain();
        }

        private void ResumeFamily()
        {
            ClearPending();
            var unfinished = Unfinished().ToList();
            if (unfinished.Count == 0)
            {
                _lines.Add(Texts.NothingToResume);
                return;
            }
            if (unfinished.Count == 1)
            {
                Activate(unfinished[0]);
                return;
            }
            _state.Pending = "resume";
            _state.PendingOptions = unfinished.Select(i => i.RecordId.ToString()).ToList();
            _lines.Add(Texts.ChooseFamily);
            _replies.Add(PickReply(_lines, unfinished.Select((i, n) => ((n + 1).ToString(CultureInfo.InvariantCulture), Describe(i))).ToList()));
            _lines.Clear();
        }

        private void Activate(Interview interview)
        {
            if (Active is { IsFinished: false } current && current.RecordId != interview.RecordId && (current.IsAnswering || current.IsReviewing))
                Step(current, current.Pause(Now), askNext: false, quiet: true);
            _state.ActiveInterview = interview.RecordId;
            _changed.Add(interview.RecordId);
            _lines.Add(Texts.Resumed);
            Step(interview, interview.Resume(Now));
        }

        private void OfferCorrections()
        {
            ClearPending();
            var cutoff = Now.AddDays(-engine.Options.CorrectionDays);
            var submitted = input.Interviews
                .Where(s => s.Status == InterviewStatus.Submitted && s.SubmittedAt >= cutoff)
                .OrderByDescending(s => s.SubmittedAt)
                .Take(10)
                .Select(s => Load(s.RecordId)!)
                .ToList();
            if (submitted.Count == 0)
            {
                _lines.Add(string.Format(Texts.NothingToCorrect, engine.Options.CorrectionDays));
                return;
            }
            _state.Pending = "koreksi";
            _state.PendingOptions = submitted.Select(i => i.RecordId.ToString()).ToList();
            _lines.Add(Texts.ChooseCorrection);
            _replies.Add(PickReply(_lines, submitted.Select((i, n) => ((n + 1).ToString(CultureInfo.InvariantCulture), Describe(i))).ToList()));
            _lines.Clear();
        }

        private void Pick(string text)
        {
            var pending = _state.Pending!;
            if (pending == "desa")
            {
                PickDesa(text);
                return;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > Math.Max(_state.PendingOptions.Count, pending == "parked" ? 2 : 0))
            {
                var count = pending == "parked" ? 2 : _state.PendingOptions.Count;
                Refuse(string.Format(Texts.PickANumber, count == 1 ? "1" : $"1–{count}"));
                return;
            }
            var options = _state.PendingOptions;
            ClearPending();
            switch (pending)
            {
                case "parked" when n == 2:
                    StartFamily();
                    break;
                case "parked" or "resume":
                    Activate(Load(Guid.Parse(options[n - 1]))!);
                    break;
                case "koreksi":
                    var interview = Load(Guid.Parse(options[n - 1]))!;
                    if (Active is { IsFinished: false } current && (current.IsAnswering || current.IsReviewing)) Step(current, current.Pause(Now), askNext: false, quiet: true);
                    _state.ActiveInterview = interview.RecordId;
                    _changed.Add(interview.RecordId);
                    _lines.Add(Texts.CorrectionOpened);
                    Step(interview, interview.Reopen(Now));
                    break;
            }
        }

        private void PickDesa(string text)
        {
            if (_state.PendingOptions.Count > 0 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= _state.PendingOptions.Count)
            {
                var chosen = RegionCode.Parse(_state.PendingOptions[n - 1]);
                ClearPending();
                Begin(chosen);
                return;
            }
            var found = engine.Regions.FindDesa(input.Actor.Region, text);
            if (found.Count == 1)
            {
                ClearPending();
                Begin(found[0].Code);
                return;
            }
            if (found.Count == 0)
            {
                Refuse(string.Format(Texts.DesaNotFound, Clip(text, 40)));
                return;
            }
            var shown = found.Take(10).ToList();
            _state.PendingOptions = shown.Select(f => f.Code.Dotted).ToList();
            _lines.Add(Texts.ChooseDesaAmong);
            _replies.Add(PickReply(_lines, shown.Select((f, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), $"{f.Name} ({engine.Regions.NameOf(f.Code.Parent!.Value)})")).ToList()));
            _lines.Clear();
        }

        private void ClearPending()
        {
            _state.Pending = null;
            _state.PendingOptions = [];
        }

        private string Describe(Interview interview)
        {
            var a = interview.Answers;
            string Part(string id) => a.TryGetValue(new AnswerKey(id, null), out var v) ? v.ToString()! : "?";
            var address = a.ContainsKey(new AnswerKey("rt", null))
                ? string.Format(Texts.FamilyLabelAddress, Part("rt"), Part("rw"), Part("no_rumah"))
                : engine.Regions.NameOf(RegionCode.Parse(interview.Snapshot.RegionCode));
            var local = interview.Snapshot.StartedAt.ToOffset(Provinces.OffsetOf(RegionCode.Parse(interview.Snapshot.RegionCode).TimeZone));
            return string.Format(Texts.FamilyLabel, address, local.ToString("d MMM HH:mm", CultureInfo.GetCultureInfo("id-ID")));
        }

        // ---- answering --------------------------------------------------------------------

        private void Answer(string text)
        {
            if (Active is not { } active)
            {
                if (!_parkedOffered) _lines.Add(Texts.NoActiveFamily);
                return;
            }
            if (active.IsConfirming)
            {
                Step(active, active.Confirm(text, Now));
                return;
            }
            if (active.IsPaused || active.IsParked)
            {
                Step(active, active.Resume(Now), askNext: false, quiet: true);
            }
            if (active.IsReviewing)
            {
                _lines.Add(Texts.SummaryFooterComplete);
                return;
            }
            Step(active, active.Answer(text, Now));
        }

        private void WithActive(Func<Interview, StepOutcome> action, bool askNext = true)
        {
            if (Active is not { } active)
            {
                _lines.Add(Texts.NoActiveFamily);
                return;
            }
            Step(active, action(active), askNext);
        }

        private void Step(Interview interview, StepOutcome outcome, bool askNext = true, bool quiet = false)
        {
            _changed.Add(interview.RecordId);
            if (quiet) return;
            _lines.AddRange(outcome.Echoes);
            _lines.AddRange(outcome.Notices);
            if (outcome.Refusal is { } refusal) Refuse(refusal);
            if (outcome.Unused.Count > 0) _lines.Add(string.Format(Texts.UnusedTokens, Clip(string.Join(" ", outcome.Unused), 60)));
            CheckDuplicate(interview);
            if (interview.IsSubmitted && !outcome.IsRefused)
            {
                _submitted.Add(FamilyRecordBuilder.Build(interview, Now));
                _state.ActiveInterview = null;
                return;
            }
            if (interview.IsCancelled)
            {
                _state.ActiveInterview = null;
                return;
            }
            if (outcome.Question is { } question)
            {
                _replies.Add(Compose(_lines, question, YesNoOptions(), null, null));
                _lines.Clear();
                return;
            }
            if (askNext) AskAgain();
        }

        private void CheckDuplicate(Interview interview)
        {
            if (!(interview.IsAnswering || interview.IsReviewing) || interview.Snapshot.DeliberateDuplicate) return;
            var s = interview.Snapshot;
            if (s.FamilyKey is null && s.KkNik is null) return;
            if (input.Registry.FindRecorded(s.RecordId, s.FamilyKey, s.KkNik) is not { } match) return;
            var flagged = interview.FlagDuplicate(match.RecordId.ToString(), match.Description);
            if (flagged.Question is { } question)
            {
                _replies.Add(Compose(_lines, question, YesNoOptions(), null, null));
                _lines.Clear();
            }
        }

        private void Refuse(string message)
        {
            _refused = true;
            _lines.Add(message);
        }

        /// <summary>Asks the current question (or confirmation, or shows the summary in review).</summary>
        private void AskAgain()
        {
            if (_state.Pending is "desa" && _state.PendingOptions.Count == 0)
            {
                if (!_lines.Contains(Texts.ChooseDesa)) _lines.Add(Texts.ChooseDesa);
                return;
            }
            if (Active is not { } active) return;
            if (active.PendingQuestion is { } confirm)
            {
                _replies.Add(Compose(_lines, confirm, YesNoOptions(), null, null));
                _lines.Clear();
                return;
            }
            if (active.IsPaused || active.IsFinished) return;
            if (active.IsReviewing)
            {
                _lines.Add(Summary.Render(active, engine.Regions));
                _replies.Add(new Reply(string.Join("\n", _lines), [], null, null, ["/kirim", "/ubah", "/kembali", "/batal"]));
                _lines.Clear();
                return;
            }
            if (active.CurrentKey is not { } key) return;
            _replies.Add(Prompts.Question(active, key, _lines, ShortId(active.RecordId)));
            _lines.Clear();
        }

        private static IReadOnlyList<ReplyOption> YesNoOptions() => [new("y|ya", "Ya", "1"), new("y|tidak", "Tidak", "2")];

        private static Reply PickReply(List<string> lines, IReadOnlyList<(string Number, string Label)> options) =>
            new(string.Join("\n", lines), options.Select(o => new ReplyOption("p|" + o.Number, o.Label, o.Number)).ToList(), null, null, []);

        private static Reply Compose(List<string> lines, string question, IReadOnlyList<ReplyOption> options, string? key, ProgressMarker? progress) =>
            new(string.Join("\n", lines.Append(question)), options, key, progress, ["/batal"]);

        private void Flush()
        {
            if (_lines.Count == 0) return;
            _replies.Add(new Reply(string.Join("\n", _lines), [], null, null, []));
            _lines.Clear();
        }
    }

    internal InterviewOptions Options => options;
    internal RegionDirectory Regions => regions;

    internal static string ShortId(Guid id) => id.ToString("N")[^8..];

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static string FormatCount(int n) => n.ToString("#,0", CultureInfo.GetCultureInfo("id-ID"));
}
