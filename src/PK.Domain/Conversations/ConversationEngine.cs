using System.Globalization;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Records;
using PK.Domain.Regions;

namespace PK.Domain.Conversations;

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
        private ReplyKind? _leadKind;
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
            if (_state.Pick is not null)
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
            _state.Pick is PendingPick.Desa ||
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
                    _replies.Add(new Reply(Summary.Render(active, engine.Regions), [], ReplyKind.Summary));
                    AskAgain();
                    break;
                default:
                    Refuse(string.Format(Texts.UnknownCommand, "/" + Clip(name, 20)));
                    AskAgain();
                    break;
            }
        }

        private void Option(string data)
        {
            switch (OptionToken.Read(data))
            {
                case OptionToken.Answer a when Active is { IsAnswering: true } active && ShortId(active.RecordId) == a.Family && active.CurrentKey?.ToString() == a.Question:
                    Answer(a.Code.ToString(CultureInfo.InvariantCulture));
                    return;
                case OptionToken.Pick p when _state.Pick is not null:
                    Pick(p.Number.ToString(CultureInfo.InvariantCulture));
                    return;
                case OptionToken.YesNo y:
                    Answer(y.Yes ? "ya" : "tidak"); // the words Interview.YesNo reads, never shown

                    return;
                default:
                    _lines.Add(Texts.StaleButton);
                    _leadKind = ReplyKind.Stale;
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
            if (Active is { IsParked: true } parked && _state.Pick is null)
            {
                _state.Pick = new PendingPick.Parked(parked.RecordId);
                _lines.Add(string.Format(Texts.ParkedOffer, Describe(parked)));
                EmitPick([Texts.ParkedResume, Texts.ParkedNewFamily]);
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
            _state.Pick = new PendingPick.Desa([]);
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
            _state.Pick = new PendingPick.Resume(unfinished.Select(i => i.RecordId).ToList());
            _lines.Add(Texts.ChooseFamily);
            EmitPick(unfinished.Select(Describe).ToList());
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
            _state.Pick = new PendingPick.Correction(submitted.Select(i => i.RecordId).ToList());
            _lines.Add(Texts.ChooseCorrection);
            EmitPick(submitted.Select(Describe).ToList());
        }

        private void Pick(string text)
        {
            var pick = _state.Pick!;
            if (pick is PendingPick.Desa desa)
            {
                PickDesa(desa, text);
                return;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > pick.Count)
            {
                Refuse(string.Format(Texts.PickANumber, pick.Count == 1 ? "1" : $"1–{pick.Count}"));
                return;
            }
            ClearPending();
            switch (pick)
            {
                case PendingPick.Parked when n == 2:
                    StartFamily();
                    break;
                case PendingPick.Parked parked:
                    Activate(Load(parked.Family)!);
                    break;
                case PendingPick.Resume resume:
                    Activate(Load(resume.Families[n - 1])!);
                    break;
                case PendingPick.Correction correction:
                    var interview = Load(correction.Families[n - 1])!;
                    if (Active is { IsFinished: false } current && (current.IsAnswering || current.IsReviewing)) Step(current, current.Pause(Now), askNext: false, quiet: true);
                    _state.ActiveInterview = interview.RecordId;
                    _changed.Add(interview.RecordId);
                    _lines.Add(Texts.CorrectionOpened);
                    Step(interview, interview.Reopen(Now));
                    break;
            }
        }

        private void PickDesa(PendingPick.Desa pick, string text)
        {
            if (pick.Count > 0 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= pick.Count)
            {
                var chosen = RegionCode.Parse(pick.Codes[n - 1]);
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
            _state.Pick = new PendingPick.Desa(shown.Select(f => f.Code.Dotted).ToList());
            _lines.Add(Texts.ChooseDesaAmong);
            EmitPick(shown.Select(f => string.Format(Texts.DesaOption, f.Name, engine.Regions.NameOf(f.Code.Parent!.Value))).ToList());
        }

        private void ClearPending() => _state.Pick = null;

        private string Describe(Interview interview)
        {
            var a = interview.Answers;
            string Part(string id) => a.TryGetValue(new AnswerKey(id, null), out var v) ? v.ToString()! : "?";
            var address = Form.FamilyKey is { } keys && a.ContainsKey(new AnswerKey(keys.Rt, null))
                ? string.Format(Texts.FamilyLabelAddress, Part(keys.Rt), Part(keys.Rw), Part(keys.House))
                : engine.Regions.NameOf(RegionCode.Parse(interview.Snapshot.RegionCode));
            var local = interview.Snapshot.StartedAt.ToOffset(Provinces.OffsetOf(RegionCode.Parse(interview.Snapshot.RegionCode).TimeZone));
            return string.Format(Texts.FamilyLabel, address, local.ToString("d MMM HH:mm", Texts.Indonesian));
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
            foreach (var recorded in outcome.Echoes) _lines.AddRange(AnswerText.Echo(Form, recorded));
            _lines.AddRange(outcome.Notices);
            _lines.AddRange(outcome.Broken.Select(p => AnswerText.Problem(Form, p)));
            if (outcome.Refusal is { } refusal) Refuse(refusal);
            if (outcome.Incomplete.Count > 0) Refuse(AnswerText.NotComplete(Form, outcome.Incomplete));
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
                EmitConfirmation(AnswerText.Ask(Form, question));
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
            if (flagged.Question is { } question) EmitConfirmation(AnswerText.Ask(Form, question));
        }

        private void Refuse(string message)
        {
            _refused = true;
            _leadKind ??= ReplyKind.Refusal;
            _lines.Add(message);
        }

        /// <summary>Asks the current question (or confirmation, or shows the summary in review).</summary>
        private void AskAgain()
        {
            if (_state.Pick is PendingPick.Desa { Count: 0 })
            {
                if (!_lines.Contains(Texts.ChooseDesa)) _lines.Add(Texts.ChooseDesa);
                return;
            }
            if (Active is not { } active) return;
            if (active.PendingConfirmation is { } confirm)
            {
                EmitConfirmation(AnswerText.Ask(Form, confirm));
                return;
            }
            if (active.IsPaused || active.IsFinished) return;
            if (active.IsReviewing)
            {
                _lines.Add(Summary.Render(active, engine.Regions));
                Emit([], ReplyKind.Summary);
                return;
            }
            if (active.CurrentKey is not { } key) return;
            _lines.AddRange(Prompts.Question(active, key));
            Emit(Prompts.Options(active, key, ShortId(active.RecordId)), ReplyKind.Question);
        }

        private void EmitConfirmation(string question)
        {
            _lines.Add(question);
            Emit([ReplyOption.For(new OptionToken.YesNo(true), Texts.YesLabel, "1"), ReplyOption.For(new OptionToken.YesNo(false), Texts.NoLabel, "2")], ReplyKind.Confirmation);
        }

        private void EmitPick(IReadOnlyList<string> labels) =>
            Emit(labels.Select((label, i) => ReplyOption.For(new OptionToken.Pick(i + 1), label, (i + 1).ToString(CultureInfo.InvariantCulture))).ToList(), ReplyKind.Pick);

        /// <summary>Sends the lines gathered so far as one reply; a refusal or a stale press among them decides its kind.</summary>
        private void Emit(IReadOnlyList<ReplyOption> options, ReplyKind kind)
        {
            _replies.Add(new Reply(string.Join("\n", _lines), options, _leadKind ?? kind));
            _lines.Clear();
            _leadKind = null;
        }

        private void Flush()
        {
            if (_lines.Count == 0) return;
            Emit([], ReplyKind.Notice);
        }
    }

    internal InterviewOptions Options => options;
    internal RegionDirectory Regions => regions;

    internal static string ShortId(Guid id) => id.ToString("N")[^8..];

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static string FormatCount(int n) => n.ToString("#,0", Texts.Indonesian);
}
