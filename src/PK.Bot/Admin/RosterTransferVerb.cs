using System.CommandLine;
using PK.Bot.People;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Admin;

internal sealed class RosterTransferVerb : IVerb
{
    public string? Group => "roster";

    public Command Build(BotHostFactory hosts)
    {
        var from = new Argument<string>("FROM") { Description = "Phone number of the kader who leaves." };
        var to = new Argument<string>("TO") { Description = "Phone number of the kader of the same area who takes over." };
        var command = new Command("transfer", "Hand a leaver's unfinished families to another kader of the same area.") { from, to };
        command.SetAction(async (parse, ct) =>
        {
            if (!PhoneNumber.TryParse(parse.GetRequiredValue(from), out var fromPhone) || !PhoneNumber.TryParse(parse.GetRequiredValue(to), out var toPhone))
            {
                await Console.Error.WriteLineAsync(PK.Domain.Texts.RosterPhoneInvalid);
                return 2;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var transfer = new RosterTransfer(scope.ServiceProvider.GetRequiredService<BotDbContext>(), app.Services.GetRequiredService<TimeProvider>());
            var outcome = await transfer.TransferAsync(fromPhone, toPhone, ct);
            if (outcome.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 1;
            }
            Console.WriteLine(PK.Domain.Texts.TransferDone(outcome.Moved));
            return 0;
        });
        return command;
    }
}
