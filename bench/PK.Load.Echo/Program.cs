using Telegram.Bot;
using Telegram.Bot.Types.Enums;

// The echo reference of bench/PK.Load: long-polls a Bot API (the load driver's fake) through the real Telegram.Bot
// client and answers every text with the same text; a polled batch's replies go out side by side. Nothing is stored.
//   dotnet PK.Load.Echo.dll --token=TOKEN --api=http://127.0.0.1:PORT
string Arg(string name) => args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..]
    ?? throw new ArgumentException($"--{name}= is required");

using var stopping = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
var bot = new TelegramBotClient(new TelegramBotClientOptions(Arg("token"), Arg("api")), http);
int? offset = null;
while (!stopping.IsCancellationRequested)
{
    try
    {
        var updates = await bot.GetUpdates(offset, limit: 100, timeout: 5, allowedUpdates: [UpdateType.Message], cancellationToken: stopping.Token);
        if (updates.Length == 0) continue;
        offset = updates.Max(u => u.Id) + 1;
        await Task.WhenAll(updates.Where(u => u.Message?.Text is not null)
            .Select(u => bot.SendMessage(u.Message!.Chat.Id, u.Message.Text!, cancellationToken: stopping.Token)));
    }
    catch (Exception) when (stopping.IsCancellationRequested)
    {
    }
}
