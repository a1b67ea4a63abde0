using System.Net;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class MetricsTests
{
    [Fact]
    public async Task MetricsShowATurnCounterAfterATurn()
    {
        await using var bot = await BotFixture.StartAsync(settings: new Dictionary<string, string> { ["Metrics:Enabled"] = "true" });
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        using var http = new HttpClient();
        var address = HealthTests.Address(bot);

        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/bantuan")));
        await bot.WaitUntilOutboxIsEmptyAsync();
        var text = await http.GetStringAsync(new Uri(address, "/metrics"));

        var turns = text.Split('\n').Where(l => l.StartsWith("pkbot_turns_total{", StringComparison.Ordinal) && l.Contains("outcome=\"applied\"")).ToList();
        Assert.NotEmpty(turns);
        Assert.True(double.Parse(turns[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 1, turns[0]);
        Assert.Contains("pkbot_turn_duration_seconds_bucket", text);
        Assert.Contains("pkbot_replies_sent_total{", text);
        Assert.Contains("channel=\"test\"", text);
        Assert.Contains("pkbot_backlog_size", text);
        Assert.DoesNotContain("\"c1\"", text); // tags name channels, never chats
    }

    [Fact]
    public async Task MetricsAreOffUnlessConfigured()
    {
        await using var bot = await BotFixture.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(HealthTests.Address(bot), "/metrics"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
