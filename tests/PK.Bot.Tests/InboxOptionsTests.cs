using Microsoft.Extensions.Options;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests;

public sealed class InboxOptionsTests
{
    [Theory]
    [InlineData("Security:StrangerReplyEvery", "-00:00:01")]
    [InlineData("Inbox:MaxAttempts", "0")]
    [InlineData("Inbox:RetryDelay", "00:00:00")]
    [InlineData("Inbox:BatchSize", "0")]
    public async Task AWrongInboxSettingStopsStartUpNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotFixture.StartAsync(settings: new Dictionary<string, string>
        {
            // A platform channel turns the inbox on; the bad value must stop start-up before anything is called.
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
            [key] = value,
        }));

        Assert.Contains(key, string.Join("\n", error.Failures));
    }
}
