using System.CommandLine;
using PK.Bot.Persistence;

namespace PK.Bot.Admin;

internal sealed class MigrateVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var command = new Command("migrate", "Bring the bot database to the current schema (start-up does it too).");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            var database = app.Services.GetRequiredService<BotDatabase>();
            await Console.Error.WriteLineAsync($"Database {database.FilePath} is at the current schema.");
            return 0;
        });
        return command;
    }
}
