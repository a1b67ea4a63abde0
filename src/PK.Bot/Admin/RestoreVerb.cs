using System.CommandLine;
using PK.Bot.Operations;
using PK.Bot.Persistence;

namespace PK.Bot.Admin;

/// <summary><c>restore PATH</c>: the bot must be stopped; the copy is checked before anything is replaced; the replaced file is kept.</summary>
internal sealed class RestoreVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var source = new Argument<FileInfo>("PATH") { Description = "The copy to put back (a file written by backup or Backup:Daily)." };
        var command = new Command("restore", "Put a backup copy back in place of the bot database (stop the bot first); the replaced database is kept beside it.") { source };
        command.SetAction(async (parse, ct) =>
        {
            var builder = hosts(parse);
            var database = new BotDatabase(builder.Configuration);
            using var instance = InstanceLock.TryAcquire(database.FilePath, out var holder);
            if (instance is null)
            {
                await Console.Error.WriteLineAsync($"The bot is running on {database.FilePath} ({holder}). Stop it first; nothing was changed.");
                return 1;
            }
            await using var app = builder.Build();
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
            var restore = app.Services.GetRequiredService<DatabaseRestore>();
            var path = parse.GetRequiredValue(source).FullName;
            var problems = await restore.VerifyAsync(path, ct);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await Console.Error.WriteLineAsync(problem);
                await Console.Error.WriteLineAsync("Nothing was changed.");
                return 1;
            }
            var kept = await restore.ReplaceAsync(path, ct);
            await Console.Error.WriteLineAsync($"Restored {path} to {database.FilePath}." +
                (kept is null ? "" : $" The replaced database is kept as {kept}.") + " Start the bot (or run migrate) next.");
            return 0;
        });
        return command;
    }
}
