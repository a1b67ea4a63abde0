using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Conversations;

/// <summary>What one turn starts from, in stored form.</summary>
public sealed record TurnContext(Person Person, string? StateJson, IReadOnlyList<Interview> Interviews, Inbound Message, DateTimeOffset Now, IFamilyRegistry Registry);

/// <summary>What one turn decided, in stored form: the processor saves all of it in one transaction.</summary>
public sealed record TurnDecision(string StateJson, IReadOnlyList<Reply> Replies, IReadOnlyList<Interview> Changed, IReadOnlyList<AnswerAudit> Audit, IReadOnlyList<SubmittedRecord> Submitted);

/// <summary>
/// The one place the host meets the domain's conversation: it translates stored rows to the engine's
/// input and the engine's result back to rows. The host never reads message text itself.
/// </summary>
public sealed class ConversationTurnHandler
{
    // Until the domain engine lands: acknowledge each message with its number, so ordering is observable.
    public TurnDecision Handle(TurnContext context)
    {
        var state = context.StateJson is null ? new InterimState(0) : JsonSerializer.Deserialize<InterimState>(context.StateJson)!;
        state = new InterimState(state.Count + 1);
        var reply = Reply.Plain($"Pesan ke-{state.Count}: {context.Message.Text}");
        return new TurnDecision(JsonSerializer.Serialize(state), [reply], [], [], []);
    }

    public async Task<IReadOnlyList<Interview>> LoadInterviewsAsync(BotDbContext db, Person kader, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Interviews.Where(i => i.KaderId == kader.Id && i.Status != "Cancelled" && i.Status != "Submitted").ToListAsync(cancellationToken);

    private sealed record InterimState(int Count);
}
