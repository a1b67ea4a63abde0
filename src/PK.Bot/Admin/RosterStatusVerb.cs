using System.CommandLine;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Admin;

internal sealed class RosterStatusVerb : IVerb
{
    public string? Group => "roster";

    public Command Build(BotHostFactory hosts)
    {
        var command = new Command("status", "List active roster people who have not linked a chat yet.");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var people = await db.People.AsNoTracking().Where(p => p.Active).ToListAsync(ct);
            var linked = (await db.ChatLinks.Select(l => l.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
            var waiting = people.Where(p => !linked.Contains(p.Id)).OrderBy(p => p.RegionCode).ThenBy(p => p.Name).ToList();
            foreach (var person in waiting)
                Console.WriteLine($"{PhoneNumber.Parse(person.PhoneDigits).Masked}  {person.Role.ToString().ToLowerInvariant(),-11} {person.RegionCode,-13}  {person.Name}");
            Console.WriteLine($"{waiting.Count} dari {people.Count} orang aktif belum menautkan chat.");
            return 0;
        });
        return command;
    }
}
