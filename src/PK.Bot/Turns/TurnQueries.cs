using Microsoft.EntityFrameworkCore;
using PK.Bot.Persistence;
using PK.Domain.Interviews;

namespace PK.Bot.Turns;

/// <summary>
/// The reads every turn makes, compiled once: EF Core otherwise re-walks each query's expression tree per call, which
/// cost more CPU than the SQLite work behind it.
/// </summary>
internal static class TurnQueries
{
    public static readonly Func<BotDbContext, string, string, string, CancellationToken, Task<bool>> IsProcessed =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, string messageId, CancellationToken _) =>
            db.ProcessedMessages.Any(m => m.Channel == channel && m.ChatId == chatId && m.MessageId == messageId));

    public static readonly Func<BotDbContext, string, string, CancellationToken, Task<Person?>> ActivePerson =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, CancellationToken _) =>
            db.ChatLinks.Where(l => l.Channel == channel && l.ChatId == chatId && l.Person!.Active).Select(l => l.Person).SingleOrDefault());

    public static readonly Func<BotDbContext, string, string, CancellationToken, Task<ChatState?>> State =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, CancellationToken _) =>
            db.ChatStates.AsNoTracking().SingleOrDefault(s => s.Channel == channel && s.ChatId == chatId));

    /// <summary>The kader's interviews the engine may touch: unfinished ones, and submitted ones still open to correction.</summary>
    public static readonly Func<BotDbContext, Guid, DateTimeOffset, IAsyncEnumerable<StoredInterview>> Interviews =
        EF.CompileAsyncQuery((BotDbContext db, Guid kaderId, DateTimeOffset correctableSince) =>
            db.Interviews.AsNoTracking()
                .Where(i => i.KaderId == kaderId && i.Status != InterviewStatus.Cancelled)
                .Where(i => i.Status != InterviewStatus.Submitted || i.SubmittedAt >= correctableSince));

    public static readonly Func<BotDbContext, string, string, CancellationToken, Task<long?>> LastOutboxSequence =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, CancellationToken _) =>
            db.Outbox.Where(m => m.Channel == channel && m.ChatId == chatId).Max(m => (long?)m.Sequence));
}
