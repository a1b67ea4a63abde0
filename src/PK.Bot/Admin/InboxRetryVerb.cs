using System.CommandLine;
using System.Globalization;
using PK.Bot.Channels.Inbox;
using PK.Bot.Persistence;
using PK.Domain;

namespace PK.Bot.Admin;

/// <summary><c>inbox retry ID|--all</c>: puts set-aside inbox items back in the queue once their cause is fixed; a running bot applies them.</summary>
internal sealed class InboxRetryVerb : IVerb
{
    public string? Group => "inbox";

    public Command Build(BotHostFactory hosts)
    {
        var itemId = new Argument<string?>("ID") { Description = "The inbox item's id, as `inbox list --failed` shows it.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every set-aside item." };
        var command = new Command("retry", "Apply set-aside inbox items again.") { itemId, all };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(itemId);
            long? id = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            var everything = parse.GetValue(all);
            if ((text is not null && id is null) || id is null == !everything)
            {
                await Console.Error.WriteLineAsync(Texts.InboxRetryWhich);
                return 2;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            await using var scope = app.Services.CreateAsyncScope();
            var count = await SetAsideInbox.RetryAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), id, ct);
            if (count == 0)
            {
                await Console.Error.WriteLineAsync(Texts.InboxRetryNothing(everything ? "--all" : text!));
                return 1;
            }
            Console.WriteLine(Texts.InboxRetried(count));
            return 0;
        });
        return command;
    }
}
