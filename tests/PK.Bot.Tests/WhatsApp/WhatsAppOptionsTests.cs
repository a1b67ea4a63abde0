using System.Net;
using Microsoft.Extensions.Options;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.WhatsApp;

public sealed class WhatsAppOptionsTests
{
    [Fact]
    public async Task WithAnAccessTokenAWrongSectionStopsStartUpNamingTheKeys()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotFixture.StartAsync(settings: new Dictionary<string, string>
        {
            ["WhatsApp:AccessToken"] = "token",
            ["WhatsApp:AppSecret"] = "secret",
            ["WhatsApp:VerifyToken"] = "verify",
            ["WhatsApp:ApiVersion"] = "21",
            ["WhatsApp:Templates:DailyReport"] = "laporan_harian",
            ["WhatsApp:Templates:Reminder"] = "Pengingat Kader",
        }));

        var message = string.Join("\n", error.Failures);
        Assert.Contains("WhatsApp:PhoneNumberId", message);
        Assert.Contains("WhatsApp:ApiVersion", message);
        Assert.Contains("WhatsApp:Templates:Reminder", message);
        Assert.DoesNotContain("WhatsApp:Templates:DailyReport", message);
    }

    [Fact]
    public async Task WithoutAnAccessTokenTheChannelIsOffAndItsSectionIsNotChecked()
    {
        await using var bot = await BotFixture.StartAsync(settings: new Dictionary<string, string> { ["WhatsApp:ApiVersion"] = "nonsense" });
        using var http = new HttpClient { BaseAddress = new Uri(bot.App.Urls.First()) };

        using var response = await http.GetAsync($"{WhatsAppWebhook.Path}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
