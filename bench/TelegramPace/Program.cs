using System.Diagnostics;
using PK.Bot.Tests.Support;

// Telegram at the pace of the kader: a kader who presses a button every 1.5 s, against a fake Bot API that enforces
// Telegram's one message a second per chat (burst 3, then 429 with retry_after), the bot configured the same.
// Measures the time from the press reaching the Bot API to the next question leaving the bot.
// Measured 2026-12-02 on the shared 2-core build box (load average ≈ 15): the family of four, one input every 1.5 s:
//   68 presses, press → next question p50 51 ms, p95 191 ms, max 270 ms; 34 of 68 pressed messages edited (the rest
//   skipped to keep the chat's budget for its questions); no 429 from the fake.
//   Before (631060d: every edit took one of the chat's messages, so the next question waited for one): p50 984 ms, p95 1998 ms,
//   max 2000 ms; 68 of 68 edited.
// Usage: dotnet run -c Release --project bench/TelegramPace -- [families=1] (the domain's family of four, pressing where it can)
var families = args.Length > 0 ? int.Parse(args[0]) : 1;
const long kader = 7001;
var cadence = TimeSpan.FromSeconds(1.5);

await using var tg = await TelegramHarness.StartAsync(settings: new Dictionary<string, string>
{
    ["Telegram:MaxMessagesPerSecond"] = "30",
    ["Telegram:MaxMessagesPerSecondPerChat"] = "1",
});
tg.Api.LimitPerChat(perSecond: 1, burst: 3);
await tg.AddLinkedKaderAsync(kader, "Sri Wahyuni", "6281311110001");

var latencies = new List<double>();
var lastPress = DateTimeOffset.MinValue;
for (var family = 0; family < families; family++)
{
    foreach (var token in FamilyRecords.FamilyOfFour.SelectMany(line => line.Split(' ')))
    {
        var shown = tg.Api.MessagesTo(kader)[^1];
        var button = shown.Buttons.FirstOrDefault(b => b.Text.StartsWith(token + ". ", StringComparison.Ordinal));
        // The kader acts every 1.5 s at most, typing or pressing.
        var wait = lastPress + cadence - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        if (button.Text is null)
        {
            // Typed answers are not timed; the kader waits for the reply before going on.
            lastPress = DateTimeOffset.UtcNow;
            await tg.SendAsync(kader, tg.Api.Says(kader, token));
            continue;
        }
        var before = tg.Api.MessagesTo(kader).Select(m => m.MessageId).DefaultIfEmpty(0).Max();
        var pressedAt = DateTimeOffset.UtcNow;
        lastPress = pressedAt;
        tg.Api.Deliver(tg.Api.Presses(kader, shown, button.Text));
        var watch = Stopwatch.StartNew();
        while (!tg.Api.MessagesTo(kader).Any(m => m.MessageId > before))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("no next question");
            await Task.Delay(2);
        }
        var question = tg.Api.Calls.Where(c => c.Method == "sendMessage" && c.Status == 200 && c.At >= pressedAt).Min(c => c.At);
        latencies.Add((question - pressedAt).TotalMilliseconds);
    }
    await tg.Bot.WaitUntilOutboxIsEmptyAsync();
}

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
var edits = tg.Api.Succeeded("editMessageText").Count;
Console.WriteLine($"inputs every {cadence.TotalSeconds} s; presses: {latencies.Count}, press → next question: p50 {Percentile(0.5):0} ms, p95 {Percentile(0.95):0} ms, max {latencies[^1]:0} ms");
Console.WriteLine($"pressed messages edited: {edits} of {latencies.Count}; 429 answered by the fake: {tg.Api.Calls.Count(c => c.Status == 429)}");
