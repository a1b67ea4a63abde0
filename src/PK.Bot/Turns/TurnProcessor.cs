using PK.Bot.Hosting;
using Microsoft.EntityFrameworkCore;
using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Bot.Reporting;

namespace PK.Bot.Turns;

/// <summary>
/// One turn, one transaction: skip a redelivery, load the chat and the kader's interviews, let the
/// conversation decide, then save the message id, interviews, audit, replies and submissions together.
/// </summary>
public sealed class TurnProcessor(IServiceScopeFactory scopes, TimeProvider clock, WakeSignal<OutboxSender> outboxSignal, StrangerGate strangers, ILogger<TurnProcessor> logger)
{
    public async Task<TurnOutcome> ApplyAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<ConversationTurnHandler>();
        var chat = message.Chat;
        var now = clock.GetUtcNow();

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken up front, so the check below cannot race a twin.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ProcessedMessages.AnyAsync(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId && m.MessageId == message.MessageId, cancellationToken))
        {
            logger.LogInformation("Message {MessageId} of chat {Channel}:{ChatId} was already applied; ignoring the redelivery", message.MessageId, chat.Channel, chat.ChatId);
            return TurnOutcome.Duplicate;
        }
        db.ProcessedMessages.Add(new ProcessedMessage { Channel = chat.Channel, ChatId = chat.ChatId, MessageId = message.MessageId, AppliedAt = now });

        var person = await db.ChatLinks.Where(l => l.Channel == chat.Channel && l.ChatId == chat.ChatId && l.Person!.Active)
            .Select(l => l.Person).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            // A stranger is refused once per Security:StrangerReplyEvery; their other messages leave nothing behind.
            if (!strangers.ShouldAnswer(chat, now)) return TurnOutcome.Ignored;
            await OutboxWriter.QueueAsync(db, chat, [PK.Domain.Conversations.Reply.Plain(PK.Domain.Texts.NotOnRoster)], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            strangers.Answered(chat, now);
            outboxSignal.Notify();
            return TurnOutcome.NotOnRoster;
        }

        if (await handler.TryHostCommandAsync(db, person, chat, message.Content, now, cancellationToken) is { } answered)
        {
            await OutboxWriter.QueueAsync(db, chat, answered, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outboxSignal.Notify();
            return TurnOutcome.Applied;
        }

        var state = await db.ChatStates.SingleOrDefaultAsync(s => s.Channel == chat.Channel && s.ChatId == chat.ChatId, cancellationToken);
        var interviews = await handler.LoadInterviewsAsync(db, person, now, cancellationToken);
        var decision = handler.Handle(new TurnContext(person, state?.StateJson, interviews, message.Content, now, new FamilyRegistry(db, db.Protector), chat.Channel));

        SaveState(db, chat, state, decision.StateJson, now);
        SaveInterviews(db, person, interviews, decision.Changed);
        db.AnswerAudit.AddRange(decision.Audit);
        db.SubmittedRecords.AddRange(decision.Submitted);
        await FamilyFacts.SaveAsync(db, decision.Facts, cancellationToken);
        await OutboxWriter.QueueAsync(db, chat, decision.Replies, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        logger.LogDebug("Applied message {MessageId} of chat {Channel}:{ChatId} for person {PersonId}: {Replies} replies, {Changed} interviews changed",
            message.MessageId, chat.Channel, chat.ChatId, person.Id, decision.Replies.Count, decision.Changed.Count);
        return TurnOutcome.Applied;
    }

    private static void SaveState(BotDbContext db, ChatKey chat, ChatState? state, string stateJson, DateTimeOffset now)
    {
        if (state is null)
        {
            db.ChatStates.Add(new ChatState { Channel = chat.Channel, ChatId = chat.ChatId, StateJson = stateJson, RowVersion = 1, UpdatedAt = now });
            return;
        }
        state.StateJson = stateJson;
        state.RowVersion++;
        state.UpdatedAt = now;
    }

    private static void SaveInterviews(BotDbContext db, Person kader, IReadOnlyList<StoredInterview> loaded, IReadOnlyList<StoredInterview> changed)
    {
        foreach (var interview in changed)
        {
            interview.KaderId = kader.Id;
            if (loaded.FirstOrDefault(i => i.RecordId == interview.RecordId) is { } existing)
                db.Entry(existing).CurrentValues.SetValues(interview);
            else
                db.Interviews.Add(interview);
        }
    }

}
