using PK.Bot.Hosting;
using Microsoft.Extensions.Options;
using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Reporting;

/// <summary>
/// At <c>Reports:DailyAt</c> in each area's own time zone, queues each koordinator's report (and each kader's tally):
/// once per person per local day, even across restarts — the delivery row and the messages commit together.
/// </summary>
public sealed class DailyReportScheduler(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    WakeSignal<OutboxSender> outboxSignal,
    IOptions<ReportingOptions> options,
    ILogger<DailyReportScheduler> logger) : BackgroundService
{
    public const string DailyKind = "daily";
    public const string TallyKind = "tally";

    private readonly Lock roundGate = new();
    private long rounds;
    private TaskCompletionSource roundDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Checks the loop has finished, each followed by a wait for the next check that is already armed: a caller that
    /// moves the clock after seeing a round is sure the schedule sees the new time (tests drive fake time this way).
    /// </summary>
    public long RoundsCompleted
    {
        get { lock (roundGate) return rounds; }
    }

    /// <summary>Completes once <paramref name="round"/> checks have finished (see <see cref="RoundsCompleted"/>).</summary>
    public async Task WaitForRoundAsync(long round, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (roundGate)
            {
                if (rounds >= round) return;
                next = roundDone.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await QueueDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The daily report schedule failed a round; trying again at the next check");
            }
            // The timer is armed before the round is reported done, so a clock moved after the report wakes it.
            var nextCheck = Task.Delay(options.Value.CheckEvery, clock, stoppingToken);
            ReportRoundDone();
            try
            {
                await nextCheck;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void ReportRoundDone()
    {
        TaskCompletionSource done;
        lock (roundGate)
        {
            rounds++;
            done = roundDone;
            roundDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.SetResult();
    }

    /// <summary>Queues every message that is due now and not yet queued; returns how many people got one.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        List<(Guid Id, Role Role, string RegionCode)> people;
        HashSet<(Guid, DateOnly, string)> queued;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var linked = db.ChatLinks.Select(l => l.PersonId);
            people = [.. (await db.People.AsNoTracking()
                    .Where(p => p.Active && (p.Role == Role.Koordinator || (o.KaderTally && p.Role == Role.Kader)) && linked.Contains(p.Id))
                    .Select(p => new { p.Id, p.Role, p.RegionCode })
                    .ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.Role, p.RegionCode))];
            var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
            queued = [.. (await db.ReportDeliveries.AsNoTracking().Where(d => d.LocalDate >= since)
                    .Select(d => new { d.PersonId, d.LocalDate, d.Kind }).ToListAsync(cancellationToken))
                .Select(d => (d.PersonId, d.LocalDate, d.Kind))];
        }

        var count = 0;
        foreach (var (id, role, regionCode) in people)
        {
            var local = now.ToOffset(Provinces.OffsetOf(RegionCode.Parse(regionCode).TimeZone));
            if (local.TimeOfDay < o.DailyAt) continue;
            var date = DateOnly.FromDateTime(local.DateTime);
            var kind = DailyReports.KindFor(role);
            if (queued.Contains((id, date, kind))) continue;
            try
            {
                if (await QueueAsync(id, date, kind, now, cancellationToken)) count++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not queue the {Kind} message of {Date} for person {PersonId}; trying again at the next check", kind, date, id);
            }
        }
        if (count > 0)
        {
            outboxSignal.Notify();
            logger.LogInformation("Queued {Count} daily message(s)", count);
        }
        return count;
    }

    private async Task<bool> QueueAsync(Guid personId, DateOnly date, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<DailyReports>();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
        if (await ReportOutbox.ChatOfAsync(db, personId, cancellationToken) is not { } chat) return false;

        // Composed before the transaction: the write lock is held only to check, record and queue.
        var payloads = kind == DailyKind
            ? await reports.KoordinatorPayloadsAsync(person, date, now, cancellationToken)
            : await reports.KaderPayloadsAsync(person, date, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ReportDeliveries.AnyAsync(d => d.PersonId == personId && d.LocalDate == date && d.Kind == kind, cancellationToken))
            return false;
        db.ReportDeliveries.Add(new ReportDelivery { PersonId = personId, LocalDate = date, Kind = kind, QueuedAt = now });
        await OutboxWriter.QueueAsync(db, chat, payloads, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Queued the {Kind} message of {Date} for person {PersonId} on {Channel}", kind, date, personId, chat.Channel);
        return true;
    }
}
