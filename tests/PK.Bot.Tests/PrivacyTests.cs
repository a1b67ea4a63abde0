using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PK.Bot.Logging;
using PK.Bot.Tests.Support;
using Serilog.Core;

namespace PK.Bot.Tests;

public sealed class PrivacyTests
{
    private const string Nik = "3313014107850002";
    private const string Name = "Sri Wahyuningsih Pratiwi";

    [Theory]
    [InlineData("NIK 3313014107850002 diterima", "NIK 3313********0002 diterima")]
    [InlineData("telp 081312345678.", "telp 0813****678.")]
    [InlineData("+62 813-1234-5678", "+6281****678")]
    [InlineData("6281312345678", "6281****678")]
    [InlineData("RT 003 RW 012, 17 Agustus 1985", "RT 003 RW 012, 17 Agustus 1985")]
    [InlineData("33131234567890123", "33131234567890123")]
    public void NiksAndPhoneNumbersAreMasked(string text, string expected) =>
        Assert.Equal(expected, PrivacyMask.Apply(text));

    [Fact]
    public async Task NoNikPhoneOrNameReachesTheLogsAtAnyLevel()
    {
        var sink = new CapturingSink();
        var settings = new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
            ["Serilog:MinimumLevel:Override:System"] = "Verbose",
        };
        await using var bot = await BotFixture.StartAsync(services => services.AddSingleton<ILogEventSink>(sink), settings);
        await bot.AddPersonAsync(Name, "6281312345678", chatId: "6281312345678");
        bot.Sender.FailNext(1);

        var script = Script.Family(head: Name).Select(line => line == "3313011507800001" ? Nik : line).ToList();
        script.Insert(3, "081312345678");
        for (var i = 0; i < script.Count; i++)
            await bot.Dispatcher.DispatchAsync(Messages.Text("6281312345678", $"m{i}", script[i]));
        await bot.Dispatcher.DispatchAsync(Messages.Text("6281312345678", "m1", "/mulai"));
        await bot.Dispatcher.DispatchAsync(Messages.Text("6282299998888", "m9", $"saya {Name}, 082299998888"));
        await bot.Sender.WaitForAsync("6281312345678", script.Count);
        Assert.Contains(bot.Sender.TextsTo("6281312345678"), t => t.Contains(Name));
        var logger = bot.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");
        logger.LogInformation("Careless code logged NIK " + Nik + " and phone 0813-1234-5678");
        logger.LogWarning(new InvalidOperationException($"bad NIK {Nik}"), "Failed for {Phone} {Nik}", "+6281312345678", Nik);

        var logged = sink.AllText();
        Assert.True(sink.Count > 10, "the host should have logged plenty at Verbose");
        Assert.DoesNotContain(Nik, logged);
        Assert.DoesNotContain("81312345678", logged);
        Assert.DoesNotContain("1234-5678", logged);
        Assert.DoesNotContain("82299998888", logged);
        Assert.DoesNotContain("Wahyuningsih", logged);
        Assert.Contains("3313********0002", logged);
    }
}
