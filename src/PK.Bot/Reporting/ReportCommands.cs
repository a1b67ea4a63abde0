using PK.Bot.Hosting;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Reporting;

/// <summary><c>/progres</c>: a kader's own numbers; a koordinator's whole area, or <c>/progres KODE</c> for a part of it.</summary>
internal sealed class ProgresCommand(RegionDirectory regions, IOptions<ReportingOptions> options) : IHostCommand
{
    public string Word => "progres";

    public async Task<IReadOnlyList<Reply>> HandleAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var person = context.Person;
        var queries = new ProgressQueries(context.Db, regions, options);
        var home = RegionCode.Parse(person.RegionCode);
        if (person.Role == Role.Kader)
        {
            var date = ProgressQueries.LocalDate(home, context.Now);
            var numbers = await queries.KaderNumbersAsync(person, date, cancellationToken);
            var text = ReportText.KaderTally(date, numbers.Today, numbers.Total, numbers.Target, numbers.Backlog);
            return [Reply.Plain(context.Argument.Length > 0 ? Texts.ProgresKaderOwnOnly + "\n\n" + text : text)];
        }

        var area = home;
        if (context.Argument.Length > 0)
        {
            if (!RegionCode.TryParse(context.Argument, out area) || !regions.Exists(area)) return [Reply.Plain(Texts.ProgresCodeInvalid)];
            var scope = Scope(person, home);
            if (!scope.Covers(area)) return [Reply.Plain(Texts.ProgresOutsideScope(ReportText.AreaName(area, regions)))];
        }
        var report = await queries.AreaReportAsync(Scope(person, home), area, ProgressQueries.LocalDate(area, context.Now), context.Now, cancellationToken);
        return [Reply.Plain(ReportText.Daily(report, regions))];
    }

    internal static ReportScope Scope(Person person, RegionCode home) => new(person.Role, person.Id.ToString(), home);
}

/// <summary><c>/kader</c>: the area's kader with their counts and last activity (koordinator and admin).</summary>
internal sealed class KaderCommand(RegionDirectory regions, IOptions<ReportingOptions> options) : IHostCommand
{
    public string Word => "kader";

    public async Task<IReadOnlyList<Reply>> HandleAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var person = context.Person;
        if (person.Role == Role.Kader) return [Reply.Plain(Texts.KoordinatorOnly)];
        var home = RegionCode.Parse(person.RegionCode);
        var report = await new ProgressQueries(context.Db, regions, options)
            .AreaReportAsync(ProgresCommand.Scope(person, home), home, ProgressQueries.LocalDate(home, context.Now), context.Now, cancellationToken);
        return [Reply.Plain(ReportText.KaderList(report, regions))];
    }
}

/// <summary><c>/unduh</c>: records the request in the turn; <see cref="ExportWorker"/> writes the XLSX (no NIK, no names) and queues it.</summary>
internal sealed class UnduhCommand(WakeSignal<ExportWorker> signal) : IHostCommand
{
    public string Word => "unduh";

    public Task<IReadOnlyList<Reply>> HandleAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var person = context.Person;
        if (person.Role == Role.Kader) return Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(Texts.KoordinatorOnly)]);
        context.Db.ExportRequests.Add(new ExportRequest
        {
            PersonId = person.Id,
            Channel = context.Chat.Channel,
            ChatId = context.Chat.ChatId,
            RegionCode = person.RegionCode,
            RequestedAt = context.Now,
        });
        signal.Notify();
        return Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(Texts.ExportQueued)]);
    }
}
