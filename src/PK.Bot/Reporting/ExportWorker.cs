using PK.Bot.Hosting;
using Microsoft.Extensions.Options;
using PK.Bot.Channels;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Reporting;

/// <summary>
/// Makes the files koordinators asked for with <c>/unduh</c>, outside any turn (a kabupaten's export takes seconds),
/// then queues the document and marks the request done in one transaction. A request survives a restart.
/// </summary>
public sealed class ExportWorker(
    IServiceScopeFactory scopes,
    WakeSignal<ExportWorker> signal,
    WakeSignal<OutboxSender> outboxSignal,
    ReportFiles files,
    RegionDirectory regions,
    TimeProvider clock,
    IOptions<ReportingOptions> options,
    ILogger<ExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken)) { }
                await signal.WaitAsync(options.Value.ExportCheckEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "An export request failed; trying again shortly");
                await signal.WaitAsync(options.Value.ExportCheckEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Handles the oldest open request; false when there is none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var request = await db.ExportRequests.Where(r => r.CompletedAt == null).OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (request is null) return false;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == request.PersonId, cancellationToken);
        var area = RegionCode.Parse(request.RegionCode);
        var now = clock.GetUtcNow();
        var date = ProgressQueries.LocalDate(area, now);

        var path = files.PathFor($"data-{area.Plain}-{date:yyyyMMdd}-{request.Id}.xlsx");
        var export = new FamilyExport(db, regions);
        var summary = await export.WriteXlsxAsync(new ReportScope(person.Role, person.Id.ToString(), RegionCode.Parse(person.RegionCode)), area, path, withPii: false, cancellationToken);

        var caption = Reply.Plain(Texts.ExportCaption(ReportText.AreaName(area, regions), IndonesianNumbers.Date(date)));
        var payload = new OutboxPayload(caption, new OutboxAttachment(AttachmentKind.Document, path, Path.GetFileName(path),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        request.CompletedAt = now;
        await OutboxWriter.QueueAsync(db, new ChatKey(request.Channel, request.ChatId), [payload], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        logger.LogInformation("Export {RequestId} for person {PersonId}: {Families} families, {Members} members", request.Id, person.Id, summary.Families, summary.Members);
        return true;
    }
}
