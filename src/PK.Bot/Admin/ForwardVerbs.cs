using System.CommandLine;
using System.Globalization;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Domain;

namespace PK.Bot.Admin;

/// <summary><c>forward status</c>: backlog, oldest waiting record, last success, last error.</summary>
internal sealed class ForwardStatusVerb : IVerb
{
    public string? Group => "forward";

    public Command Build(BotHostFactory hosts)
    {
        var command = new Command("status", "Backlog, oldest waiting record, last success and last error of forwarding.");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            var s = await app.Services.GetRequiredService<ForwardingBacklog>().GetAsync(ct);
            Console.WriteLine(Texts.ForwardWaiting(s.Waiting));
            Console.WriteLine(Texts.ForwardOldest(s.OldestWaitingAge is { } age ? ForwardFormat.Age(age) : null));
            Console.WriteLine(Texts.ForwardDelivered(s.Delivered));
            Console.WriteLine(Texts.ForwardSetAside(s.Rejected, s.Conflicts));
            Console.WriteLine(Texts.ForwardLastSuccess(ForwardFormat.At(s.LastSuccessAt)));
            Console.WriteLine(Texts.ForwardLastError(ForwardFormat.At(s.LastErrorAt), s.LastError));
            if (s.ConsecutiveFailures > 0 && s.NextAttemptAt is { } next)
                Console.WriteLine(Texts.ForwardNextAttempt(s.ConsecutiveFailures, ForwardFormat.At(next)!));
            if (s.ConfigurationError) Console.WriteLine(Texts.ForwardConfigurationError);
            return 0;
        });
        return command;
    }
}

/// <summary><c>forward list --rejected|--conflicts</c>: what was set aside, with the core's reason.</summary>
internal sealed class ForwardListVerb : IVerb
{
    public string? Group => "forward";

    public Command Build(BotHostFactory hosts)
    {
        var rejected = new Option<bool>("--rejected") { Description = "Records the core refused as invalid." };
        var conflicts = new Option<bool>("--conflicts") { Description = "Records whose id and version the core holds with other content." };
        var command = new Command("list", "Records set aside by the core, with the reason.") { rejected, conflicts };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(rejected) == parse.GetValue(conflicts))
            {
                await Console.Error.WriteLineAsync(Texts.ForwardListWhich);
                return 2;
            }
            var status = parse.GetValue(rejected) ? ForwardStatus.Rejected : ForwardStatus.Conflict;
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var rows = await db.SubmittedRecords.AsNoTracking().Where(r => r.ForwardStatus == status).OrderBy(r => r.Id)
                .Select(r => new { r.RecordId, r.Version, r.SubmittedAt, r.Attempts, r.LastError }).ToListAsync(ct);
            foreach (var row in rows)
                Console.WriteLine($"{row.RecordId:D}  v{row.Version}  {ForwardFormat.At(row.SubmittedAt)}  {row.LastError}");
            Console.WriteLine(Texts.ForwardListCount(rows.Count));
            return 0;
        });
        return command;
    }
}

/// <summary><c>forward retry ID|--all-rejected</c>: puts set-aside records back in the queue after a fix.</summary>
internal sealed class ForwardRetryVerb : IVerb
{
    public string? Group => "forward";

    public Command Build(BotHostFactory hosts)
    {
        var recordId = new Argument<string?>("RECORD_ID") { Description = "The family's record id (every set-aside version of it is re-sent).", Arity = ArgumentArity.ZeroOrOne };
        var allRejected = new Option<bool>("--all-rejected") { Description = "Every record the core refused." };
        var command = new Command("retry", "Send set-aside records to the core again.") { recordId, allRejected };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(recordId);
            Guid? id = Guid.TryParse(text, out var parsed) ? parsed : null;
            var all = parse.GetValue(allRejected);
            if ((text is not null && id is null) || id is null == !all)
            {
                await Console.Error.WriteLineAsync(Texts.ForwardRetryWhich);
                return 2;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var count = await ForwardRetry.RetryAsync(db, all ? null : id, ct);
            if (count == 0)
            {
                await Console.Error.WriteLineAsync(Texts.ForwardRetryNothing(all ? "--all-rejected" : id!.Value.ToString("D")));
                return 1;
            }
            Console.WriteLine(Texts.ForwardRetried(count));
            return 0;
        });
        return command;
    }
}

internal static class ForwardFormat
{
    public static string? At(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan age) => age.TotalDays >= 1
        ? $"{(int)age.TotalDays} hari {age.Hours} jam"
        : age.TotalHours >= 1 ? $"{(int)age.TotalHours} jam {age.Minutes} menit" : $"{Math.Max(0, (int)age.TotalMinutes)} menit";
}
