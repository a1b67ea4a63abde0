using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Security;
using PK.Domain.Answers;
using PK.Domain.Conversations;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Bot.Turns;

/// <summary>What one turn starts from, in stored form.</summary>
public sealed record TurnContext(Person Person, string? StateJson, IReadOnlyList<StoredInterview> Interviews, Inbound Message, DateTimeOffset Now, IFamilyRegistry Registry, string? Channel = null);

/// <summary>What one turn decided, in stored form: the processor saves all of it in one transaction.</summary>
public sealed record TurnDecision(string StateJson, IReadOnlyList<Reply> Replies, IReadOnlyList<StoredInterview> Changed, IReadOnlyList<AnswerAudit> Audit, IReadOnlyList<SubmittedRecord> Submitted, IReadOnlyList<FamilyFact> Facts);

/// <summary>
/// The one place the host meets the domain's conversation: it translates stored rows to the engine's
/// input and the engine's result back to rows. The host never reads message text itself.
/// </summary>
public sealed class ConversationTurnHandler(ConversationEngine engine, DataProtector protector, IOptions<InterviewOptions> options, IEnumerable<IHostCommand> hostCommands, IEnumerable<IChannelTurnHook> channelHooks)
{
    /// <summary>State and snapshots: System.Text.Json defaults, as the domain promises them.</summary>
    internal static readonly JsonSerializerOptions StateJson = new();

    /// <summary>The forwarded record: camelCase, as the core's payload is documented.</summary>
    public static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    public TurnDecision Handle(TurnContext context)
    {
        var person = context.Person;
        var state = context.StateJson is null ? new ConversationState() : JsonSerializer.Deserialize<ConversationState>(context.StateJson, StateJson)!;
        var snapshots = context.Interviews.Where(i => MayTouch(i, state, context.Message))
            .Select(i => JsonSerializer.Deserialize<InterviewSnapshot>(i.SnapshotJson, StateJson)!).ToList();
        var actor = new Actor(person.Id.ToString(), person.Name, person.Role, RegionCode.Parse(person.RegionCode));

        var input = new TurnInput(actor, state, snapshots, context.Message, context.Now, context.Registry);
        var result = channelHooks.FirstOrDefault(h => h.Channel == context.Channel) is { } hook ? hook.Handle(engine, input) : engine.Handle(input);

        return new TurnDecision(
            JsonSerializer.Serialize(result.State, StateJson),
            result.Replies,
            [.. result.Changed.Select(s => ToRow(s, person))],
            [.. result.Audit.Select(ToAudit)],
            [.. result.Submitted.Select(r => new SubmittedRecord
            {
                RecordId = r.RecordId,
                Version = r.Version,
                PayloadJson = JsonSerializer.Serialize(r, RecordJson),
                SubmittedAt = r.SubmittedAt,
                ForwardStatus = ForwardStatus.Pending,
            })],
            [.. result.Submitted.Select(r => FamilyFacts.Of(r, person.Id))]);
    }

    /// <summary>
    /// Whether this turn's engine may need the interview: every unfinished one (to resume, park or list), but a submitted
    /// one only when a command could list or open it for correction, or the chat is in it or choosing among them. A kader
    /// holds dozens of submitted families inside the correction window; reading each back on every answer would make
    /// each turn slower the more a kader has done.
    /// </summary>
    /// <summary>Whether this turn's engine may open one of these interviews that is only a header (<see cref="ChatSnapshot.Header"/>).</summary>
    public static bool OpensHeader(IReadOnlyList<StoredInterview> interviews, string? stateJson, Inbound message)
    {
        if (!interviews.Any(ChatSnapshot.IsHeader)) return false;
        var state = stateJson is null ? new ConversationState() : JsonSerializer.Deserialize<ConversationState>(stateJson, StateJson)!;
        return interviews.Any(i => ChatSnapshot.IsHeader(i) && MayTouch(i, state, message));
    }

    private static bool MayTouch(StoredInterview interview, ConversationState state, Inbound message) =>
        interview.Status != PK.Domain.Interviews.InterviewStatus.Submitted
        || interview.RecordId == state.ActiveInterview
        || state.Pick is PendingPick.Correction correction && correction.Families.Contains(interview.RecordId)
        || message.Kind == InboundKind.Text && message.Text.TrimStart().StartsWith('/');

    /// <summary>A '/word' the host answers itself (see <see cref="IHostCommand"/>); null when the conversation should have the message.</summary>
    public async Task<IReadOnlyList<Reply>?> TryHostCommandAsync(BotDbContext db, Person person, ChatKey chat, Inbound message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (HostWord(message) is not { } word || hostCommands.FirstOrDefault(c => c.Word == word) is not { } command) return null;
        var text = message.Text.Trim();
        var space = text.IndexOfAny(WordEnds);
        return await command.HandleAsync(new HostCommandContext(db, person, chat, space < 0 ? "" : text[space..].Trim(), now), cancellationToken);
    }

    /// <summary>Whether the message is a '/word' the host answers itself (see <see cref="TryHostCommandAsync"/>).</summary>
    public bool IsHostCommand(Inbound message) => HostWord(message) is { } word && hostCommands.Any(c => c.Word == word);

    private static string? HostWord(Inbound message)
    {
        var text = message.Text.Trim();
        if (message.Kind != InboundKind.Text || !text.StartsWith('/')) return null;
        var space = text.IndexOfAny(WordEnds);
        return (space < 0 ? text[1..] : text[1..space]).ToLowerInvariant();
    }

    private static readonly char[] WordEnds = [' ', '\t', '\n'];

    /// <summary>Whether a turn may touch this interview: unfinished, or submitted since <paramref name="correctableSince"/> (as <see cref="TurnQueries.Interviews"/> selects).</summary>
    public static bool IsCorrectable(StoredInterview interview, DateTimeOffset correctableSince) =>
        interview.Status != PK.Domain.Interviews.InterviewStatus.Cancelled
        && (interview.Status != PK.Domain.Interviews.InterviewStatus.Submitted || interview.SubmittedAt >= correctableSince);

    /// <summary>Submitted interviews from this instant on are still open to correction.</summary>
    public DateTimeOffset CorrectableSince(DateTimeOffset now) => now.AddDays(-options.Value.CorrectionDays);

    /// <summary>The kader's interviews the engine may touch: unfinished ones, and submitted ones still open to correction.</summary>
    public async Task<IReadOnlyList<StoredInterview>> LoadInterviewsAsync(BotDbContext db, Person kader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var loaded = new List<StoredInterview>();
        await foreach (var interview in TurnQueries.Interviews(db, kader.Id, CorrectableSince(now)).WithCancellation(cancellationToken)) loaded.Add(interview);
        return loaded;
    }

    private StoredInterview ToRow(InterviewSnapshot snapshot, Person kader) => new()
    {
        RecordId = snapshot.RecordId,
        Version = snapshot.Version,
        KaderId = kader.Id,
        RegionCode = snapshot.RegionCode,
        Status = snapshot.Status,
        FamilyKey = snapshot.FamilyKey is { } familyKey ? protector.FamilyKeyHash(familyKey) : null,
        KkNikHash = snapshot.KkNik is { Length: > 0 } nik ? protector.LookupHash(nik) : null,
        SnapshotJson = JsonSerializer.Serialize(snapshot, StateJson),
        StartedAt = snapshot.StartedAt,
        UpdatedAt = snapshot.UpdatedAt,
        SubmittedAt = snapshot.SubmittedAt,
    };

    private static AnswerAudit ToAudit(AnswerChange change) => new()
    {
        RecordId = change.RecordId,
        ItemKey = change.ItemKey,
        ItemId = change.ItemId,
        Member = change.Member,
        PreviousValueJson = ValueJson(change.Previous),
        ValueJson = ValueJson(change.Value),
        Kind = change.Kind.StoredText(),
        At = change.At,
    };

    internal static string? ValueJson(AnswerValue? value) => value is null ? null : JsonSerializer.Serialize(value, StateJson);
}
