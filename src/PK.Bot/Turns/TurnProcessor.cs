using PK.Bot.Hosting;
using Microsoft.EntityFrameworkCore;
using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Bot.Reporting;

namespace PK.Bot.Turns;

/// <summary>
/// One turn, all or nothing: skip a redelivery, load the chat and the kader's interviews, let the conversation decide,
/// then save the message id, interviews, audit, replies and submissions together. The deciding happens outside the
/// write lock, side by side with other chats' turns, and the <see cref="TurnWriter"/> commits many chats' turns in one
/// transaction; a turn whose reads changed before its commit, a host command and a stranger are applied alone under the
/// lock (BEGIN IMMEDIATE), as one transaction that reads and writes.
/// </summary>
public sealed class TurnProcessor(IServiceScopeFactory scopes, TimeProvider clock, WakeSignal<OutboxSender> outboxSignal, StrangerGate strangers,
    TurnWriter writer, TurnCache cache, BotDatabase database, PK.Bot.Security.DataProtector protector, IConfiguration configuration, ILogger<TurnProcessor> logger)
{
    /// <summary>
    /// Turns decided at once (<c>Turns:Parallelism</c>, default twice the cores): deciding is CPU work, so more would only
    /// queue on the cores while each held its buffers and its own SQLite connection (and page cache).
    /// </summary>
    private readonly SemaphoreSlim deciding = new(Math.Max(1, configuration.GetValue("Turns:Parallelism", 2 * Environment.ProcessorCount)));

    public async Task<TurnOutcome> ApplyAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        try
        {
            Prepared prepared;
            await deciding.WaitAsync(cancellationToken);
            try
            {
                prepared = await PrepareAsync(message, cancellationToken);
            }
            finally
            {
                deciding.Release();
            }
            if (prepared.Outcome is { } early) return early;
            if (prepared.Turn is { } turn && await writer.CommitAsync(turn).WaitAsync(cancellationToken) is { } outcome)
            {
                if (outcome == TurnOutcome.Applied)
                {
                    cache.Set(chat, turn.After());
                    LogApplied(turn);
                }
                else
                {
                    cache.Forget(chat);
                    LogDuplicate(message);
                }
                return outcome;
            }
        }
        catch
        {
            cache.Forget(chat);
            throw;
        }
        cache.Forget(chat);
        return await ApplyAloneAsync(message, cancellationToken);
    }

    private sealed record Prepared(TurnOutcome? Outcome, PreparedTurn? Turn);

    /// <summary>
    /// Reads (from the <see cref="TurnCache"/> when the chat is there) and decides without the write lock; a turn that
    /// needs the lock (a stranger, a host command) says so.
    /// </summary>
    private async Task<Prepared> PrepareAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ConversationTurnHandler>();
        var correctableSince = handler.CorrectableSince(now);
        if (cache.Get(chat) is { } hot)
        {
            // A redelivery is still caught: the writer checks the message id inside the commit.
            if (handler.IsHostCommand(message.Content)) return new Prepared(null, null);
            var open = hot.Interviews.Where(i => ConversationTurnHandler.IsCorrectable(i, correctableSince)).ToList();
            if (ConversationTurnHandler.OpensHeader(open, hot.State?.StateJson, message.Content)) return await PrepareFromDatabaseAsync(message, scope, handler, now, correctableSince, cancellationToken);
            return new Prepared(null, Decide(handler, message, hot.Person, hot.State, open, correctableSince, now));
        }

        return await PrepareFromDatabaseAsync(message, scope, handler, now, correctableSince, cancellationToken);
    }

    private async Task<Prepared> PrepareFromDatabaseAsync(IncomingMessage message, AsyncServiceScope scope, ConversationTurnHandler handler, DateTimeOffset now,
        DateTimeOffset correctableSince, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        // A message id once applied stays applied: a redelivery is answered here without the lock.
        if (await TurnQueries.IsProcessed(db, chat.Channel, chat.ChatId, message.MessageId, cancellationToken))
        {
            LogDuplicate(message);
            return new Prepared(TurnOutcome.Duplicate, null);
        }
        var person = await ActivePersonAsync(db, chat, cancellationToken);
        if (person is null || handler.IsHostCommand(message.Content)) return new Prepared(null, null);

        return new Prepared(null, await ReadAndDecideAsync(db, handler, message, person, correctableSince, now, cancellationToken));
    }

    /// <summary>Reads the chat's state and the kader's interviews (untracked) and lets the conversation decide.</summary>
    private async Task<PreparedTurn> ReadAndDecideAsync(BotDbContext db, ConversationTurnHandler handler, IncomingMessage message, Person person,
        DateTimeOffset correctableSince, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await TurnQueries.State(db, message.Chat.Channel, message.Chat.ChatId, cancellationToken);
        var interviews = await handler.LoadInterviewsAsync(db, person, now, cancellationToken);
        return Decide(handler, message, person, state, interviews, correctableSince, now);
    }

    private PreparedTurn Decide(ConversationTurnHandler handler, IncomingMessage message, Person person, ChatState? state, IReadOnlyList<StoredInterview> interviews,
        DateTimeOffset correctableSince, DateTimeOffset now)
    {
        var decision = handler.Handle(new TurnContext(person, state?.StateJson, interviews, message.Content, now, new FamilyRegistry(database, protector), message.Chat.Channel));
        return new PreparedTurn(message, person, state, interviews, correctableSince, decision, now);
    }

    /// <summary>The turn on its own, reading and writing inside one BEGIN IMMEDIATE transaction.</summary>
    private async Task<TurnOutcome> ApplyAloneAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<ConversationTurnHandler>();
        var chat = message.Chat;
        var now = clock.GetUtcNow();

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken up front, so the check below cannot race a twin.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TurnQueries.IsProcessed(db, chat.Channel, chat.ChatId, message.MessageId, cancellationToken))
        {
            LogDuplicate(message);
            return TurnOutcome.Duplicate;
        }

        var person = await ActivePersonAsync(db, chat, cancellationToken);
        if (person is null)
        {
            // A stranger is refused once per Security:StrangerReplyEvery; their other messages leave nothing behind.
            if (!strangers.ShouldAnswer(chat, now)) return TurnOutcome.Ignored;
            db.ProcessedMessages.Add(Processed(message, now));
            await OutboxWriter.QueueAsync(db, chat, [PK.Domain.Conversations.Reply.Plain(PK.Domain.Texts.NotOnRoster)], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            strangers.Answered(chat, now);
            outboxSignal.Notify();
            return TurnOutcome.NotOnRoster;
        }

        if (await handler.TryHostCommandAsync(db, person, chat, message.Content, now, cancellationToken) is { } answered)
        {
            db.ProcessedMessages.Add(Processed(message, now));
            await OutboxWriter.QueueAsync(db, chat, answered, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outboxSignal.Notify();
            return TurnOutcome.Applied;
        }

        // Read untracked, as the writer's turns are: WriteAsync attaches the rows it changes.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var turn = await ReadAndDecideAsync(db, handler, message, person, handler.CorrectableSince(now), now, cancellationToken);
        await WriteAsync(db, turn, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        LogApplied(turn);
        return TurnOutcome.Applied;
    }

    /// <summary>
    /// Adds one decided turn's rows to the context (the caller saves and commits): the message id, the chat's state, the
    /// interviews it changed, their audit, submissions, family facts and the replies. The turn's state and loaded
    /// interviews are what it read, untracked.
    /// </summary>
    internal static async Task WriteAsync(BotDbContext db, PreparedTurn turn, CancellationToken cancellationToken)
    {
        var (message, person, state, loaded, decision, now) = (turn.Message, turn.Person, turn.State, turn.Loaded, turn.Decision, turn.Now);
        db.ProcessedMessages.Add(Processed(message, now));
        SaveState(db, message.Chat, state, decision.StateJson, now);
        SaveInterviews(db, person, loaded, decision.Changed);
        db.AnswerAudit.AddRange(decision.Audit);
        db.SubmittedRecords.AddRange(decision.Submitted);
        await FamilyFacts.SaveAsync(db, decision.Facts, cancellationToken);
        await OutboxWriter.QueueAsync(db, message.Chat, decision.Replies, now, cancellationToken);
    }

    private static ProcessedMessage Processed(IncomingMessage message, DateTimeOffset now) =>
        new() { Channel = message.Chat.Channel, ChatId = message.Chat.ChatId, MessageId = message.MessageId, AppliedAt = now };

    private static Task<Person?> ActivePersonAsync(BotDbContext db, ChatKey chat, CancellationToken cancellationToken) =>
        TurnQueries.ActivePerson(db, chat.Channel, chat.ChatId, cancellationToken);

    private void LogDuplicate(IncomingMessage message) =>
        logger.LogInformation("Message {MessageId} of chat {Channel}:{ChatId} was already applied; ignoring the redelivery", message.MessageId, message.Chat.Channel, message.Chat.ChatId);

    private void LogApplied(PreparedTurn turn) =>
        logger.LogDebug("Applied message {MessageId} of chat {Channel}:{ChatId} for person {PersonId}: {Replies} replies, {Changed} interviews changed",
            turn.Message.MessageId, turn.Message.Chat.Channel, turn.Message.Chat.ChatId, turn.Person.Id, turn.Decision.Replies.Count, turn.Decision.Changed.Count);

    private static void SaveState(BotDbContext db, ChatKey chat, ChatState? state, string stateJson, DateTimeOffset now)
    {
        if (state is null)
        {
            db.ChatStates.Add(new ChatState { Channel = chat.Channel, ChatId = chat.ChatId, StateJson = stateJson, RowVersion = 1, UpdatedAt = now });
            return;
        }
        // The row as read, then its new values: the update is conditional on the version read (a concurrency token).
        var row = new ChatState { Channel = chat.Channel, ChatId = chat.ChatId, StateJson = state.StateJson, RowVersion = state.RowVersion, UpdatedAt = state.UpdatedAt };
        db.ChatStates.Attach(row);
        row.StateJson = stateJson;
        row.RowVersion = state.RowVersion + 1;
        row.UpdatedAt = now;
    }

    private static void SaveInterviews(BotDbContext db, Person kader, IReadOnlyList<StoredInterview> loaded, IReadOnlyList<StoredInterview> changed)
    {
        foreach (var interview in changed)
        {
            interview.KaderId = kader.Id;
            if (loaded.Any(i => i.RecordId == interview.RecordId))
                db.Interviews.Update(interview);
            else
                db.Interviews.Add(interview);
        }
    }

}
