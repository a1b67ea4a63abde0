using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>
/// WhatsApp's say in a turn when Flows are configured. In: a Flow's answers (<c>nfm_reply</c>) are applied through
/// <see cref="FormAnswers"/>, like a batch typed in chat; the names and NIKs of the members come typed in one message
/// (so each member's screen opens with sex and birth date read from the NIK). Out: where the engine asks the first
/// question of a screen whose Flow is configured, the screen is sent instead. Without Flows every turn is the engine's alone.
/// </summary>
public sealed partial class WhatsAppFlowTurns(IOptions<WhatsAppFlowOptions> flows, IOptions<WhatsAppOptions> whatsApp) : IChannelTurnHook
{
    /// <summary>How a Flow's answers travel from the webhook to the turn: an option token the engine alone would call stale.</summary>
    public const string ReplyPrefix = "nfm|";

    private const string NameItem = "nama";
    private const string NikItem = "nik";

    private IReadOnlyList<FlowPart>? _parts;

    public string Channel => WhatsAppChannel.Name;

    private FlowTokens Tokens => new(whatsApp.Value.AppSecret ?? "");

    public TurnResult Handle(ConversationEngine engine, TurnInput input)
    {
        var message = input.Message;
        var isFlowReply = message.Kind == InboundKind.Option && message.Text.StartsWith(ReplyPrefix, StringComparison.Ordinal);
        if (!flows.Value.Configured)
            return engine.Handle(isFlowReply ? input with { Message = new Inbound(InboundKind.Unsupported, "", message.SentAt) } : input);
        _parts ??= FlowScreens.Parts(engine.Form);
        var result = isFlowReply ? ApplyFlowReply(engine, input, message.Text[ReplyPrefix.Length..])
            : MemberList(engine, input) ?? engine.Handle(input);
        return WithScreens(engine, input, result);
    }

    // ---- in ------------------------------------------------------------------------------

    private TurnResult ApplyFlowReply(ConversationEngine engine, TurnInput input, string responseJson)
    {
        Dictionary<string, JsonElement>? fields;
        try
        {
            fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(responseJson);
        }
        catch (JsonException)
        {
            fields = null;
        }
        var token = fields is not null && fields.TryGetValue("flow_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var content = Tokens.Verify(token);
        var interview = Active(engine, input.State, input.Interviews);
        var part = content is null ? null : _parts!.FirstOrDefault(p => p.Kind == content.Kind);
        if (fields is null || content is null || part is null || interview is null || FlowTokens.ShortId(interview.RecordId) != content.ShortId
            || !IsAt(interview, part, content.Member))
            return FormAnswers.Handle(engine, input, Guid.Empty, [], "");

        var answers = part.Keys(content.Member)
            .Select(key => new FormAnswer(key, fields.TryGetValue(key.ItemId, out var value) ? Text(value) : ""))
            .ToList();
        return FormAnswers.Handle(engine, input, interview.RecordId, answers, Title(part, content.Member, interview));
    }

    /// <summary>Whether the interview is still at <paramref name="part"/>: its current question is one of the screen's.</summary>
    private static bool IsAt(Interview interview, FlowPart part, int? member) =>
        (interview.IsAnswering || interview.IsPaused || interview.IsParked) && interview.CurrentKey is { } key && part.Keys(member).Contains(key);

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Text).Where(s => s.Length > 0)),
        JsonValueKind.True => "1",
        JsonValueKind.False => "2",
        _ => "",
    };

    /// <summary>A member line: the name, then the NIK (16 digits, spaces or dots allowed) or "belum ada" (none yet).</summary>
    [GeneratedRegex(@"^(?<name>.*?)[\s,;:]*(?<nik>\d[\d .-]{14,22}\d|belum ada)$", RegexOptions.IgnoreCase)]
    private static partial Regex NameAndNik();

    /// <summary>The names and NIKs of the members still unnamed, typed one member per line, while the chat is at the first of them.</summary>
    private TurnResult? MemberList(ConversationEngine engine, TurnInput input)
    {
        var message = input.Message;
        var text = message.Text.Trim();
        if (message.Kind != InboundKind.Text || text.Length == 0 || text.StartsWith('/') || input.State.Pick is not null) return null;
        if (MemberScreen() is null || Active(engine, input.State, input.Interviews) is not { IsAnswering: true } interview
            || interview.CurrentKey is not { ItemId: NameItem, Member: { } first }) return null;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 1 && !NameAndNik().IsMatch(lines[0])) return null; // just a name: the chat's own question
        var answers = new List<FormAnswer>();
        var member = first;
        var extra = 0;
        foreach (var line in lines)
        {
            if (member > interview.MemberCount)
            {
                extra++;
                continue;
            }
            var match = NameAndNik().Match(line);
            answers.Add(new FormAnswer(new AnswerKey(NameItem, member), match.Success ? match.Groups["name"].Value.Trim() : line));
            if (match.Success) answers.Add(new FormAnswer(new AnswerKey(NikItem, member), match.Groups["nik"].Value));
            member++;
        }
        var result = FormAnswers.Handle(engine, input, interview.RecordId, answers, interview.Form.RepeatBlock!.Title.Indonesian);
        if (extra == 0) return result;
        var replies = result.Replies.ToList();
        replies[0] = replies[0] with { Text = string.Format(Texts.FormMemberExtra, extra) + "\n" + replies[0].Text };
        return result with { Replies = replies };
    }

    // ---- out -----------------------------------------------------------------------------

    /// <summary>Where the turn ends by asking the first question of a screen whose Flow is configured, the screen goes instead.</summary>
    private TurnResult WithScreens(ConversationEngine engine, TurnInput input, TurnResult result)
    {
        if (result.Replies.Count == 0) return result;
        var snapshots = input.Interviews.Where(s => result.Changed.All(c => c.RecordId != s.RecordId)).Concat(result.Changed).ToList();
        if (Active(engine, result.State, snapshots) is not { IsAnswering: true } interview || interview.CurrentKey is not { } key) return result;
        var last = result.Replies[^1];
        if (FormAnswers.Lead(interview, last) is not { } lead) return result;

        Reply? instead = null;
        if (key.ItemId == NameItem && key.Member is { } first && MemberScreen() is not null)
        {
            var count = interview.MemberCount;
            instead = new Reply(Join(lead, first == count ? string.Format(Texts.FormMemberOne, first) : string.Format(Texts.FormMemberList, first, count)), [], ReplyKind.Question);
        }
        else if (FlowScreens.PartOf(_parts!, key.ItemId) is { } part && flows.Value.IdOf(part.Kind) is { } flowId && OpensAt(interview, part, key))
        {
            var title = Title(part, key.Member, interview);
            var screen = new FormScreen(part.Kind, Tokens.Issue(interview.RecordId, part.Kind, key.Member), title, flowId,
                FlowScreens.Data(part, interview, key.Member, title));
            instead = new Reply(Join(lead, string.Format(Texts.FormOpen, title)), [], ReplyKind.Question) { Screen = screen };
        }
        if (instead is null) return result;
        var replies = result.Replies.ToList();
        replies[^1] = instead;
        return result with { Replies = replies };
    }

    /// <summary>A screen opens at its first question that applies (after the name and NIK, on a member's screen); past it, the chat asks.</summary>
    private static bool OpensAt(Interview interview, FlowPart part, AnswerKey key) =>
        part.Keys(key.Member).Where(k => k.ItemId is not (NameItem or NikItem) || !part.IsMember).FirstOrDefault(interview.IsRelevant) == key;

    private FlowPart? MemberScreen() => _parts!.FirstOrDefault(p => p.IsMember && flows.Value.IdOf(p.Kind) is not null);

    private static string Title(FlowPart part, int? member, Interview interview)
    {
        var block = part.Block.Title.Indonesian;
        if (member is { } m) return $"{block} · {string.Format(Texts.FormMemberTitle, m, interview.MemberCount)}";
        var siblings = part.Kind.Contains('-') ? $" ({part.Kind[(part.Kind.LastIndexOf('-') + 1)..]})" : "";
        return block + siblings;
    }

    private static string Join(string lead, string text) => lead.Length == 0 ? text : lead + "\n" + text;

    private static Interview? Active(ConversationEngine engine, ConversationState state, IReadOnlyList<InterviewSnapshot> snapshots) =>
        state.ActiveInterview is { } id && snapshots.FirstOrDefault(s => s.RecordId == id) is { } snapshot
            ? Interview.Restore(engine.Form, Copy(snapshot))
            : null;

    /// <summary>A private copy: an interview restored only to look must not touch the snapshot the turn saves.</summary>
    private static InterviewSnapshot Copy(InterviewSnapshot snapshot) =>
        JsonSerializer.Deserialize<InterviewSnapshot>(JsonSerializer.Serialize(snapshot, ConversationTurnHandler.StateJson), ConversationTurnHandler.StateJson)!;
}
