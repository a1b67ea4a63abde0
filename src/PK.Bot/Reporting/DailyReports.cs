using Microsoft.Extensions.Options;
using PK.Bot.Channels;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Reporting;

/// <summary>Composes the scheduled messages: a koordinator's report (text, then the chart) and a kader's tally.</summary>
public sealed class DailyReports(BotDbContext db, RegionDirectory regions, ReportFiles files, IOptions<ReportingOptions> options)
{
    public ProgressQueries Queries { get; } = new(db, regions, options);

    /// <summary>The report's text for an area on a day, at the schedule's hour of that day (or now, when that is earlier).</summary>
    public async Task<ProgressReport> ReportAsync(ReportScope scope, RegionCode area, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Queries.AreaReportAsync(scope, area, date, now, cancellationToken);

    /// <summary>The instant the daily report of <paramref name="date"/> is due in <paramref name="area"/>'s own time zone.</summary>
    public DateTimeOffset DueAt(RegionCode area, DateOnly date)
    {
        var offset = Provinces.OffsetOf(area.TimeZone);
        return new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(options.Value.DailyAt)), offset);
    }

    public async Task<IReadOnlyList<OutboxPayload>> KoordinatorPayloadsAsync(Person koordinator, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var area = RegionCode.Parse(koordinator.RegionCode);
        var scope = new ReportScope(koordinator.Role, koordinator.Id.ToString(), area);
        var report = await ReportAsync(scope, area, date, now, cancellationToken);
        var chart = await files.WriteAsync($"laporan-{area.Plain}-{date:yyyyMMdd}-{koordinator.Id:N}.png", ProgressChart.Render(report, regions), cancellationToken);
        return
        [
            OutboxPayload.Of(Reply.Plain(ReportText.Daily(report, regions))),
            new OutboxPayload(Reply.Plain(Texts.ReportChartCaption), new OutboxAttachment(AttachmentKind.Photo, chart, Path.GetFileName(chart), "image/png")),
        ];
    }

    public async Task<IReadOnlyList<OutboxPayload>> KaderPayloadsAsync(Person kader, DateOnly date, CancellationToken cancellationToken)
    {
        var numbers = await Queries.KaderNumbersAsync(kader, date, cancellationToken);
        return [OutboxPayload.Of(Reply.Plain(ReportText.KaderTally(date, numbers.Today, numbers.Total, numbers.Target, numbers.Backlog)))];
    }

    public static string KindFor(Role role) => role == Role.Koordinator ? DailyReportScheduler.DailyKind : DailyReportScheduler.TallyKind;
}
