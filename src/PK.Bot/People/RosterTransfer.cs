using System.Text.Json;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.People;

/// <summary>Hands a leaver's unfinished families to another kader of the same area, answers and audit intact.</summary>
public sealed class RosterTransfer(BotDbContext db, TimeProvider clock)
{
    /// <summary>Either the number of families moved, or why nothing was moved.</summary>
    public sealed record Outcome(int Moved, string? Problem);

    public async Task<Outcome> TransferAsync(PhoneNumber from, PhoneNumber to, CancellationToken cancellationToken)
    {
        var leaver = await db.People.SingleOrDefaultAsync(p => p.PhoneHash == db.PhoneHashOf(from.Digits), cancellationToken);
        var taker = await db.People.SingleOrDefaultAsync(p => p.PhoneHash == db.PhoneHashOf(to.Digits), cancellationToken);
        if (leaver is null) return new Outcome(0, PK.Domain.Texts.TransferUnknown(from.Masked));
        if (taker is null || !taker.Active) return new Outcome(0, PK.Domain.Texts.TransferUnknown(to.Masked));
        if (leaver.Id == taker.Id) return new Outcome(0, PK.Domain.Texts.TransferSamePerson);

        var unfinished = await db.Interviews
            .Where(i => i.KaderId == leaver.Id && (i.Status == InterviewStatus.InProgress || i.Status == InterviewStatus.Paused || i.Status == InterviewStatus.Parked))
            .ToListAsync(cancellationToken);
        var area = RegionCode.Parse(taker.RegionCode);
        var outside = unfinished.Count(i => !area.Contains(RegionCode.Parse(i.RegionCode)));
        if (outside > 0) return new Outcome(0, PK.Domain.Texts.TransferOutsideArea(outside));

        var now = clock.GetUtcNow();
        foreach (var interview in unfinished)
        {
            var snapshot = JsonSerializer.Deserialize<InterviewSnapshot>(interview.SnapshotJson, ConversationTurnHandler.StateJson)!;
            snapshot.KaderId = taker.Id.ToString();
            interview.SnapshotJson = JsonSerializer.Serialize(snapshot, ConversationTurnHandler.StateJson);
            interview.KaderId = taker.Id;
            interview.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(unfinished.Count, null);
    }
}
