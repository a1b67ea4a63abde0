using System.CommandLine;
using PK.Bot.Channels.Inbox;
using PK.Bot.Persistence;
using PK.Domain;

namespace PK.Bot.Admin;

/// <summary><c>inbox list --failed</c>: inbox items set aside after their tries — channel, chat id, when, error; no content.</summary>
internal sealed class InboxListVerb : IVerb
{
    public string? Group => "inbox";

    public Command Build(BotHostFactory hosts)
    {
        var failed = new Option<bool>("--failed") { Description = "Items that could not be applied after their tries and were set aside." };
        var command = new Command("list", "Inbox items set aside, with the error (never their content).") { failed };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(failed))
            {
                await Console.Error.WriteLineAsync(Texts.InboxListWhich);
                return 2;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var items = await SetAsideInbox.ListAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), ct);
            foreach (var item in items)
                Console.WriteLine($"{item.Id}  {item.Channel}  {item.ChatId ?? "-"}  {ForwardFormat.At(item.ReceivedAt)}  {ForwardFormat.At(item.SetAsideAt)}  {item.Attempts}x  {item.LastError}");
            Console.WriteLine(Texts.InboxListCount(items.Count));
            return 0;
        });
        return command;
    }
}
