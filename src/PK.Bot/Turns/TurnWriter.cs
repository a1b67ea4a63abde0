using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PK.Bot.Channels;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.Interviews;

namespace PK.Bot.Turns;

/// <summary>
/// A turn decided outside the write lock, with what it read: the writer commits it only if none of that changed since.
/// </summary>
public sealed class PreparedTurn(IncomingMessage message, Person person, ChatState? state, IReadOnlyList<StoredInterview> loaded,
    DateTimeOffset correctableSince, TurnDecision decision, DateTimeOffset now)
{
    public IncomingMessage Message { get; } = message;
    public Person Person { get; } = person;
    public ChatState? State { get; } = state;
    public IReadOnlyList<StoredInterview> Loaded { get; } = loaded;
    public DateTimeOffset CorrectableSince { get; } = correctableSince;
    public TurnDecision Decision { get; } = decision;
    public DateTimeOffset Now { get; } = now;

    /// <summary>The outcome once committed; null when what the turn read had changed and it must be applied again under the lock.</summary>
    internal TaskCompletionSource<TurnOutcome?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the chat's next turn reads once this one is committed.</summary>
    internal ChatSnapshot After()
    {
        var state = new ChatState
        {
            Channel = Message.Chat.Channel,
            ChatId = Message.Chat.ChatId,
            StateJson = Decision.StateJson,
            RowVersion = (State?.RowVersion ?? 0) + 1,
            UpdatedAt = Now,
        };
        var changed = Decision.Changed.Select(c => c.RecordId).ToHashSet();
        // A submitted family is kept as its header only (see ChatSnapshot.Header): a kader has dozens inside the correction window.
        return new ChatSnapshot(Person, state, [.. Loaded.Where(l => !changed.Contains(l.RecordId)).Concat(Decision.Changed)
            .Select(i => i.Status == PK.Domain.Interviews.InterviewStatus.Submitted ? ChatSnapshot.Header(i) : i)]);
    }

    /// <summary>Address and KK NIK hashes this turn gives an interview that it did not have when read: another family may have taken them meanwhile.</summary>
    internal IEnumerable<(Guid RecordId, string Column, string Hash)> Claims()
    {
        foreach (var row in Decision.Changed)
        {
            var before = Loaded.FirstOrDefault(l => l.RecordId == row.RecordId);
            if (row.FamilyKey is { } key && key != before?.FamilyKey) yield return (row.RecordId, nameof(StoredInterview.FamilyKey), key);
            if (row.KkNikHash is { } nik && nik != before?.KkNikHash) yield return (row.RecordId, nameof(StoredInterview.KkNikHash), nik);
        }
    }
}

/// <summary>
/// The one writer of conversation turns: turns are decided in parallel, each chat's in order (<see cref="ChatDispatcher"/>),
/// and handed here; every turn waiting when the writer is free goes into one SQLite transaction, so many chats share
/// one commit (one fsync) instead of queueing for the write lock one by one. Before a turn is written the writer checks,
/// inside the transaction, that what the turn read is unchanged — the message is not applied yet, the chat's state
/// version and the kader's interviews are as read, the address or KK NIK it claims is still free — and hands it back
/// otherwise (the processor then applies it alone, under the lock, as a fresh turn). A turn is acknowledged only after
/// its batch commits. If a batch fails, each of its turns is handed back and applied alone, so one bad turn cannot take
/// the others down with it.
/// </summary>
public sealed class TurnWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<PreparedTurn> queue = Channel.CreateUnbounded<PreparedTurn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly WakeSignal<OutboxSender> outboxSignal;
    private readonly ILogger<TurnWriter> logger;
    private readonly Task loop;

    public TurnWriter(IServiceScopeFactory scopes, WakeSignal<OutboxSender> outboxSignal, ILogger<TurnWriter> logger)
    {
        this.scopes = scopes;
        this.outboxSignal = outboxSignal;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Commits the turn with whatever else is waiting; null when it must be applied again under the lock.</summary>
    public Task<TurnOutcome?> CommitAsync(PreparedTurn turn)
    {
        if (!queue.Writer.TryWrite(turn)) turn.Completion.TrySetResult(null);
        return turn.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PreparedTurn>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var turn)) batch.Add(turn);
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex)
            {
                logger.LogWarning("A batch of {Count} turns could not be committed together ({Error}); each is applied on its own", batch.Count, ex.GetType().Name);
                foreach (var turn in batch) turn.Completion.TrySetResult(null);
            }
        }
    }

    private async Task WriteAsync(List<PreparedTurn> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // Hundreds of turns' rows are tracked here: detecting changes once before saving, not on every lookup of the outbox's local rows.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        var accepted = new List<(PreparedTurn Turn, TurnOutcome Outcome)>(batch.Count);
        var kaderInBatch = new HashSet<Guid>();
        var claimed = new HashSet<string>();
        foreach (var turn in batch)
        {
            // Two turns of one kader (two linked chats) in one batch: the second must read the first's writes.
            if (!kaderInBatch.Add(turn.Person.Id))
            {
                turn.Completion.TrySetResult(null);
                continue;
            }
            var claims = turn.Claims().ToList();
            var verdict = await CheckAsync(connection, dbTransaction, turn, claims, claimed);
            if (verdict is Verdict.Changed)
            {
                turn.Completion.TrySetResult(null);
                continue;
            }
            if (verdict is Verdict.AlreadyApplied)
            {
                accepted.Add((turn, TurnOutcome.Duplicate));
                continue;
            }
            foreach (var claim in claims) claimed.Add(claim.Hash);
            await TurnProcessor.WriteAsync(db, turn, CancellationToken.None);
            accepted.Add((turn, TurnOutcome.Applied));
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (accepted.Any(a => a.Outcome == TurnOutcome.Applied)) outboxSignal.Notify();
        foreach (var (turn, outcome) in accepted) turn.Completion.TrySetResult(outcome);
    }

    private enum Verdict { Unchanged, Changed, AlreadyApplied }

    private static async Task<Verdict> CheckAsync(DbConnection connection, DbTransaction transaction, PreparedTurn turn,
        IReadOnlyList<(Guid RecordId, string Column, string Hash)> claims, HashSet<string> claimedInBatch)
    {
        var chat = turn.Message.Chat;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM processed_messages WHERE Channel = $channel AND ChatId = $chat AND MessageId = $message)";
        Add(command, "$channel", chat.Channel);
        Add(command, "$chat", chat.ChatId);
        Add(command, "$message", turn.Message.MessageId);
        if (Convert.ToInt64(await command.ExecuteScalarAsync()) != 0) return Verdict.AlreadyApplied;

        // The chat still belongs to the same active person, unchanged since read.
        command.CommandText = "SELECT l.PersonId, p.Active, p.UpdatedAt FROM chat_links l JOIN people p ON p.Id = l.PersonId WHERE l.Channel = $channel AND l.ChatId = $chat";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync() || Guid.Parse(reader.GetString(0)) != turn.Person.Id || !reader.GetBoolean(1)
                || UtcTextConverter.Parse(reader.GetString(2)) != turn.Person.UpdatedAt) return Verdict.Changed;
        }

        command.CommandText = "SELECT RowVersion FROM chat_states WHERE Channel = $channel AND ChatId = $chat";
        var version = await command.ExecuteScalarAsync();
        var stored = version is null or DBNull ? (long?)null : Convert.ToInt64(version);
        if (stored != turn.State?.RowVersion) return Verdict.Changed;

        // The kader's interviews the turn could touch, as the processor loads them: the same rows, each unchanged.
        command.Parameters.Clear();
        command.CommandText = "SELECT RecordId, UpdatedAt, Status FROM interviews WHERE KaderId = $kader AND Status <> $cancelled AND (Status <> $submitted OR SubmittedAt >= $since)";
        Add(command, "$kader", turn.Person.Id.ToString().ToUpperInvariant());
        Add(command, "$cancelled", nameof(InterviewStatus.Cancelled));
        Add(command, "$submitted", nameof(InterviewStatus.Submitted));
        Add(command, "$since", UtcTextConverter.Format(turn.CorrectableSince));
        var seen = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seen++;
                var id = Guid.Parse(reader.GetString(0));
                var row = turn.Loaded.FirstOrDefault(l => l.RecordId == id);
                if (row is null || UtcTextConverter.Parse(reader.GetString(1)) != row.UpdatedAt || reader.GetString(2) != row.Status.ToString()) return Verdict.Changed;
            }
        }
        if (seen != turn.Loaded.Count) return Verdict.Changed;

        // An address or KK NIK this turn gives its family must still be free: taken meanwhile, the turn is decided again and sees it.
        foreach (var (recordId, column, hash) in claims)
        {
            if (claimedInBatch.Contains(hash)) return Verdict.Changed;
            command.Parameters.Clear();
            command.CommandText = $"SELECT EXISTS (SELECT 1 FROM interviews WHERE {column} = $hash AND RecordId <> $record AND Status <> $cancelled)";
            Add(command, "$hash", hash);
            Add(command, "$record", recordId.ToString().ToUpperInvariant());
            Add(command, "$cancelled", nameof(InterviewStatus.Cancelled));
            if (Convert.ToInt64(await command.ExecuteScalarAsync()) != 0) return Verdict.Changed;
        }
        return Verdict.Unchanged;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Stops taking turns and lets the batch being written finish (a turn not committed by then is simply not acknowledged).</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The turn writer did not finish its batch within 30 s of shutdown; its turns were not acknowledged");
        }
    }
}

