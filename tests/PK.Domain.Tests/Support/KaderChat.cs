using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Records;
using PK.Domain.Regions;

namespace PK.Domain.Tests.Support;

/// <summary>
/// A kader talking to the real conversation engine over the real PK21 form, with the state kept between turns
/// as the host keeps it (snapshots round-tripped through JSON, so nothing survives that the host would lose).
/// </summary>
public sealed class KaderChat
{
    public static readonly DateTimeOffset Start = new(2021, 4, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly ConversationEngine _engine;
    private readonly Actor _actor;
    private readonly Dictionary<Guid, string> _interviews = [];
    private string _state = System.Text.Json.JsonSerializer.Serialize(new ConversationState());

    public KaderChat(string region = "33.13.01.2001", InterviewOptions? options = null, IFamilyRegistry? registry = null)
    {
        _engine = new ConversationEngine(FormLoader.Pk21, RegionList.Directory, options ?? new InterviewOptions());
        _actor = new Actor("kader-1", "Sri", Role.Kader, RegionCode.Parse(region));
        Registry = registry ?? new InMemoryRegistry(this);
    }

    public DateTimeOffset Now { get; set; } = Start;
    public IFamilyRegistry Registry { get; }
    public List<FamilyRecord> Submitted { get; } = [];
    public List<AnswerChange> Audit { get; } = [];
    public List<Reply> Transcript { get; } = [];
    public IReadOnlyList<Reply> Last { get; private set; } = [];

    /// <summary>Messages and button presses the kader made.</summary>
    public int Inputs { get; private set; }

    public ConversationState State => System.Text.Json.JsonSerializer.Deserialize<ConversationState>(_state)!;

    public IReadOnlyList<InterviewSnapshot> Interviews => _interviews.Values.Select(Json.ReadSnapshot).ToList();

    public InterviewSnapshot? Active => State.ActiveInterview is { } id && _interviews.TryGetValue(id, out var json) ? Json.ReadSnapshot(json) : null;

    public Interview ActiveInterview => Interview.Restore(FormLoader.Pk21, Active ?? throw new InvalidOperationException("no active interview"));

    public string LastText => string.Join("\n---\n", Last.Select(r => r.Text));

    public IReadOnlyList<Reply> Send(string text, DateTimeOffset? sentAt = null) => Turn(new Inbound(InboundKind.Text, text, sentAt ?? Now));

    /// <summary>Presses the button with this label (or number) on the last reply that has options.</summary>
    public IReadOnlyList<Reply> Press(string labelOrNumber)
    {
        var options = Last.LastOrDefault(r => r.Options.Count > 0)?.Options ?? throw new InvalidOperationException("no buttons shown:\n" + LastText);
        var option = options.FirstOrDefault(o => o.Label == labelOrNumber) ?? options.First(o => o.Number == labelOrNumber);
        return Turn(new Inbound(InboundKind.Option, option.Token, Now));
    }

    public IReadOnlyList<Reply> PressToken(string token) => Turn(new Inbound(InboundKind.Option, token, Now));

    public IReadOnlyList<Reply> Turn(Inbound message)
    {
        Inputs++;
        Now = Now.AddSeconds(20);
        var input = new TurnInput(_actor, State, Interviews, message, Now, Registry);
        var result = _engine.Handle(input);
        _state = System.Text.Json.JsonSerializer.Serialize(result.State);
        foreach (var snapshot in result.Changed) _interviews[snapshot.RecordId] = Json.WriteSnapshot(snapshot);
        Submitted.AddRange(result.Submitted);
        Audit.AddRange(result.Audit);
        Transcript.AddRange(result.Replies);
        Last = result.Replies;
        Assert.NotEmpty(result.Replies);
        return result.Replies;
    }

    /// <summary>Finds families by natural key or KK NIK among this kader's own (a stand-in for the host's database query).</summary>
    private sealed class InMemoryRegistry(KaderChat chat) : IFamilyRegistry
    {
        public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik) =>
            chat.Interviews
                .Where(s => s.RecordId != excluding && s.Status != InterviewStatus.Cancelled)
                .Where(s => (familyKey is not null && s.FamilyKey == familyKey) || (kkNik is not null && s.KkNik == kkNik))
                .Select(s => new FamilyMatch(s.RecordId, "keluarga yang sama"))
                .FirstOrDefault();
    }
}

public static class Json
{
    public static string WriteSnapshot(InterviewSnapshot s) => System.Text.Json.JsonSerializer.Serialize(s);
    public static InterviewSnapshot ReadSnapshot(string json) => System.Text.Json.JsonSerializer.Deserialize<InterviewSnapshot>(json)!;
}
