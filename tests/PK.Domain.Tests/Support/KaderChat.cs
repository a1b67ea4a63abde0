using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Answers;
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

    /// <summary>The chat's state as the host stores it (JSON); set it to continue from a stored row.</summary>
    public string StoredState
    {
        get => _state;
        set => _state = value;
    }

    public IReadOnlyList<InterviewSnapshot> Interviews => _interviews.Values.Select(Json.ReadSnapshot).ToList();

    public InterviewSnapshot? Active => State.ActiveInterview is { } id && _interviews.TryGetValue(id, out var json) ? Json.ReadSnapshot(json) : null;

    public PK.Domain.Forms.FormDefinition ActiveInterviewForm => FormLoader.Pk21;

    public Interview ActiveInterview => Interview.Restore(FormLoader.Pk21, Active ?? throw new InvalidOperationException("no active interview"));

    /// <summary>
    /// Answers every remaining question one by one (the given answers by item id, else the first plain answer
    /// the form accepts), fixes whatever the summary says is broken, and submits.
    /// </summary>
    public FamilyRecord FinishWith(IReadOnlyDictionary<string, string>? answers = null)
    {
        for (var round = 0; round < 5 && Submitted.Count == 0; round++)
        {
            for (var step = 0; step < 300 && Active is not null && !ActiveInterview.IsReviewing; step++)
                AnswerCurrent(answers);
            Send("/kirim");
            if (Submitted.Count > 0 || Active is null) break;
            foreach (var key in ActiveInterview.Problems().Select(p => p.Key).ToList())
            {
                var item = FormLoader.Pk21.Item(key.ItemId);
                Send("/ubah " + item.DisplayNumber(key.Member));
                AnswerCurrent(answers);
            }
        }
        return SubmittedOne();
    }

    /// <summary>Answers the question being asked with the first candidate the form accepts.</summary>
    public void AnswerCurrent(IReadOnlyDictionary<string, string>? answers = null)
    {
        var interview = ActiveInterview;
        if (interview.IsConfirming)
        {
            Send("ya");
            return;
        }
        if (interview.IsPaused || interview.IsParked) Send("/lanjut");
        var key = ActiveInterview.CurrentKey;
        if (key is null) return;
        var item = FormLoader.Pk21.Item(key.Value.ItemId);
        foreach (var candidate in Candidates(item, answers))
        {
            Send(candidate);
            var now = ActiveInterview;
            if (now.IsConfirming || now.CurrentKey != key || now.IsReviewing) return;
        }
        throw new InvalidOperationException($"no answer accepted for {item}:\n{Log}");
    }

    private static IEnumerable<string> Candidates(FormItem item, IReadOnlyDictionary<string, string>? answers)
    {
        if (answers?.GetValueOrDefault(item.Id) is { } given) yield return given;
        switch (item.Type)
        {
            case QuestionType.SelectOne when item.ChoiceListName!.StartsWith("ya_tidak"):
                yield return "2";
                yield return "1";
                yield return "3";
                break;
            case QuestionType.SelectOne or QuestionType.SelectMultiple:
                foreach (var c in item.Choices!) yield return c.Code.ToString();
                break;
            case QuestionType.Integer or QuestionType.Decimal:
                foreach (var n in new long[] { item.Range?.Min ?? 0, 0, 1, 2, 3, 10, 20, 40 }.Distinct()) yield return n.ToString();
                break;
            case QuestionType.MonthYear:
                yield return "1/2021";
                yield return "1/2020";
                break;
            case QuestionType.Date or QuestionType.BirthDate:
                yield return "ok";
                yield return "01-01-1980";
                yield return "01-01-2015";
                break;
            case QuestionType.Phone:
                yield return "081234567890";
                break;
            case QuestionType.Nik:
                yield return "belum ada";
                break;
            case QuestionType.Name:
                yield return "Budi";
                break;
            default:
                yield return "lainnya";
                break;
        }
    }

    /// <summary>An independent copy of this conversation (state, interviews, records) to branch from.</summary>
    public KaderChat Clone()
    {
        var copy = new KaderChat(_actor.Region.Dotted) { Now = Now, Inputs = Inputs };
        copy._state = _state;
        foreach (var (id, json) in _interviews) copy._interviews[id] = json;
        copy.Submitted.AddRange(Submitted);
        copy._log.Append(_log);
        return copy;
    }

    /// <summary>Asserts the kader submitted exactly one family, showing the conversation if not.</summary>
    public FamilyRecord SubmittedOne()
    {
        Assert.True(Submitted.Count == 1, $"expected one submitted family, got {Submitted.Count}:\n{Log}");
        return Submitted[0];
    }

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

    /// <summary>The conversation so far, for failure messages.</summary>
    public string Log => _log.ToString();

    private readonly System.Text.StringBuilder _log = new();

    public IReadOnlyList<Reply> Turn(Inbound message)
    {
        Inputs++;
        _log.AppendLine($"> {message.Text}");
        Now = Now.AddSeconds(20);
        var input = new TurnInput(_actor, State, Interviews, message, Now, Registry);
        var result = _engine.Handle(input);
        _state = System.Text.Json.JsonSerializer.Serialize(result.State);
        foreach (var snapshot in result.Changed) _interviews[snapshot.RecordId] = Json.WriteSnapshot(snapshot);
        Submitted.AddRange(result.Submitted);
        Audit.AddRange(result.Audit);
        Transcript.AddRange(result.Replies);
        Last = result.Replies;
        foreach (var reply in result.Replies) _log.AppendLine(reply.Text);
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
