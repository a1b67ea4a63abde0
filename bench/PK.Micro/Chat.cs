using System.Text.Json;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Micro;

/// <summary>
/// A kader walking the real PK21 form through the real engine, the state and every snapshot kept between turns as
/// the host keeps them (JSON, System.Text.Json defaults), so a benchmark can start from any point of a family.
/// </summary>
public sealed class Chat
{
    public static readonly FormDefinition Form = FormLoader.Pk21;
    public static readonly RegionDirectory Regions = LoadRegions();
    public static readonly ConversationEngine Engine = new(Form, Regions, new InterviewOptions());
    public static readonly Actor Kader = new("kader-1", "Sri", Role.Kader, RegionCode.Parse("33.13.01.2001"));
    public static readonly IFamilyRegistry NoFamilies = new EmptyRegistry();
    private static readonly JsonSerializerOptions HostJson = new();

    /// <summary>Husband 45, wife 38, daughter 15, son 3, as a kader types them (the tests' family of four).</summary>
    public static readonly string[] FamilyOfFour =
    [
        "/mulai", "Jl. Melati 5", "/lewati", "3", "2 15 1 4",
        "Budi Santoso", "3313011708750001", "ok ok 2 25 1 ok 1 2 8 1 1",
        "Siti Aminah", "3313014211820002", "ok ok 2 20 1 ok 1 1 8 1 1",
        "Rina", "3313015006050003", "ok ok 1 1 3 2 1 1 7 1 1",
        "Andi", "3313010112170004", "ok ok 1 1 3 2 1 1 1 1 1",
        "2 1 1 1 1 2 2 3 1 3/2018 5 6 1 1 1",
        "1 1 2 1 1 2 2 1 1 1 1 1 1 2 2 2 2 2 2 2 2 1 2 1 3 1 72 4 1 1 1",
        "2,3", "1", "2,9", "/kirim",
    ];

    private string _state = JsonSerializer.Serialize(new ConversationState(), HostJson);
    private readonly Dictionary<Guid, string> _interviews = [];

    public DateTimeOffset Now { get; private set; } = new(2021, 4, 15, 9, 0, 0, TimeSpan.FromHours(7));

    public string StateJson => _state;
    public IReadOnlyCollection<string> SnapshotJson => _interviews.Values;

    public static Chat After(IEnumerable<string> inputs)
    {
        var chat = new Chat();
        foreach (var text in inputs) chat.Send(text);
        return chat;
    }

    public TurnResult Send(string text)
    {
        Now = Now.AddSeconds(20);
        var state = JsonSerializer.Deserialize<ConversationState>(_state, HostJson)!;
        var snapshots = _interviews.Values.Select(j => JsonSerializer.Deserialize<InterviewSnapshot>(j, HostJson)!).ToList();
        var result = Engine.Handle(new TurnInput(Kader, state, snapshots, new Inbound(InboundKind.Text, text, Now), Now, NoFamilies));
        _state = JsonSerializer.Serialize(result.State, HostJson);
        foreach (var s in result.Changed) _interviews[s.RecordId] = JsonSerializer.Serialize(s, HostJson);
        return result;
    }

    public InterviewSnapshot ActiveSnapshot()
    {
        var id = JsonSerializer.Deserialize<ConversationState>(_state, HostJson)!.ActiveInterview ?? throw new InvalidOperationException("no active family");
        return JsonSerializer.Deserialize<InterviewSnapshot>(_interviews.Values.Single(j => j.Contains(id.ToString())), HostJson)!;
    }

    public InterviewSnapshot LastSnapshot() => JsonSerializer.Deserialize<InterviewSnapshot>(_interviews.Values.Last(), HostJson)!;

    /// <summary>The next turn from here, checked to be asking a question of the given type.</summary>
    public Step Next(string text, QuestionType expected)
    {
        var snapshot = ActiveSnapshot();
        var item = Interview.Restore(Form, snapshot).CurrentItem;
        if (item?.Type != expected) throw new InvalidOperationException($"expected a {expected} question before '{text}', the walk asks {item}");
        return new Step(JsonSerializer.Deserialize<ConversationState>(_state, HostJson)!, snapshot, new Inbound(InboundKind.Text, text, Now.AddSeconds(20)));
    }

    private static RegionDirectory LoadRegions()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "data", "wilayah.csv");
            if (File.Exists(Path.Combine(dir.FullName, "PK.Bot.sln")) && File.Exists(path))
            {
                using var reader = new StreamReader(path);
                return RegionDirectory.Load(reader);
            }
        }
        throw new InvalidOperationException("data/wilayah.csv not found above " + AppContext.BaseDirectory);
    }

    private sealed class EmptyRegistry : IFamilyRegistry
    {
        public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik) => null;
    }
}

/// <summary>
/// One engine turn from a fixed point: each run starts from a fresh copy of the state and snapshot (the engine changes
/// what it is given), made field by field so the copy costs little beside the turn (see <see cref="EngineStep.CopyOnly"/>).
/// </summary>
public sealed class Step(ConversationState state, InterviewSnapshot snapshot, Inbound message)
{
    public TurnResult Run() =>
        Chat.Engine.Handle(new TurnInput(Chat.Kader, Copy(state), [Copy(snapshot)], message, message.SentAt, Chat.NoFamilies));

    /// <summary>Runs once and checks the message was taken (no refusal), so a benchmark measures the path it names.</summary>
    public Step Checked()
    {
        var result = Run();
        if (result.Replies.Any(r => r.Kind == ReplyKind.Refusal) || result.Audit.Count == 0 && !message.Text.StartsWith('/'))
            throw new InvalidOperationException($"'{message.Text}' was not taken: {string.Join(" | ", result.Replies.Select(r => r.Text))}");
        return this;
    }

    public (ConversationState, InterviewSnapshot) CopyOnly() => (Copy(state), Copy(snapshot));

    private static ConversationState Copy(ConversationState s) => new() { ActiveInterview = s.ActiveInterview, Pick = s.Pick, RefusedAt = s.RefusedAt };

    private static InterviewSnapshot Copy(InterviewSnapshot s) => new()
    {
        RecordId = s.RecordId,
        Version = s.Version,
        FormId = s.FormId,
        FormVersion = s.FormVersion,
        KaderId = s.KaderId,
        RegionCode = s.RegionCode,
        Phase = s.Phase,
        Status = s.Status,
        StartedAt = s.StartedAt,
        UpdatedAt = s.UpdatedAt,
        SubmittedAt = s.SubmittedAt,
        InterviewDate = s.InterviewDate,
        Answers = [.. s.Answers],
        Skipped = [.. s.Skipped],
        AutoFilled = [.. s.AutoFilled],
        Focus = s.Focus,
        PendingAnswer = s.PendingAnswer,
        PendingWarning = s.PendingWarning,
        PhaseBeforeCancel = s.PhaseBeforeCancel,
        DuplicateOf = s.DuplicateOf,
        DuplicateDescription = s.DuplicateDescription,
        DeliberateDuplicate = s.DeliberateDuplicate,
        ChangeCount = s.ChangeCount,
        FamilyKey = s.FamilyKey,
        KkNik = s.KkNik,
    };
}
