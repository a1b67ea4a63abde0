using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class LogFileTests
{
    [Fact]
    public async Task LogsAlsoGoToARollingFileStillMasked()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string>
        {
            ["Logs:File:Path"] = folder.File("logs/pk-bot-.log"),
            ["Logs:File:MaxSizeMegabytes"] = "1",
            ["Logs:File:RetainedFiles"] = "3",
        };
        await using (var bot = await BotFixture.StartAsync(settings: settings, folder: folder))
        {
            var logger = bot.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PK.Bot.Tests.LogFile");
            logger.LogWarning("A kader typed {Text}", "NIK 3313011708750001 nomor 081311112222");
            // ~1.5 MB of lines: the file rolls at 1 MB and only the newest 3 files stay.
            var filler = new string('x', 1000);
            for (var i = 0; i < 1600; i++) logger.LogWarning("filler {Index} {Filler}", i, filler);
            for (var i = 0; i < 4000; i++) logger.LogWarning("more filler {Index} {Filler}", i, filler);
            logger.LogWarning("Again {Text}", "NIK 3313011708750001 nomor 081311112222");
        }

        var files = Directory.GetFiles(folder.File("logs")).Order().ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 1024 * 1024 + 2048));
        var all = string.Concat(files.Select(File.ReadAllText));
        Assert.DoesNotContain("3313011708750001", all);
        Assert.DoesNotContain("081311112222", all);
        Assert.Contains("more filler 3999", all);
        Assert.Contains("Again NIK 3313********0001 nomor 0813****222", all);
    }
}
