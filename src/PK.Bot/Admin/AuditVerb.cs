using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Answers;

namespace PK.Bot.Admin;

internal sealed class AuditVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var recordId = new Argument<Guid>("RECORD_ID") { Description = "The family's record id." };
        var command = new Command("audit", "Every answer of a family with its history.") { recordId };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var id = parse.GetRequiredValue(recordId);
            var interview = await db.Interviews.AsNoTracking().SingleOrDefaultAsync(i => i.RecordId == id, ct);
            if (interview is null)
            {
                await Console.Error.WriteLineAsync($"Keluarga {id} tidak ditemukan.");
                return 1;
            }
            Console.WriteLine($"Keluarga {id} · versi {interview.Version} · {interview.Status} · desa {interview.RegionCode} · kader {interview.KaderId}");
            Console.WriteLine($"Mulai {Local(interview.StartedAt)} · terakhir {Local(interview.UpdatedAt)}{(interview.SubmittedAt is { } s ? $" · dikirim {Local(s)}" : "")}");
            var changes = await db.AnswerAudit.AsNoTracking().Where(a => a.RecordId == id).OrderBy(a => a.Id).ToListAsync(ct);
            foreach (var item in changes.GroupBy(a => a.ItemKey))
            {
                Console.WriteLine($"{item.Key} ({item.First().ItemId})");
                foreach (var change in item)
                    Console.WriteLine($"    {Local(change.At)}  {change.Kind,-8} {Show(change.PreviousValueJson)} → {Show(change.ValueJson)}");
            }
            return 0;
        });
        return command;
    }

    private static string Local(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Show(string? json) =>
        json is null ? "—" : JsonSerializer.Deserialize<AnswerValue>(json, ConversationTurnHandler.StateJson)?.ToString() ?? "—";
}
