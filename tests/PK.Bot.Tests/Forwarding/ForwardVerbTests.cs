using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>The <c>forward</c> verbs, run as the operator runs them: the real executable on the bot's database.</summary>
public sealed class ForwardVerbTests
{
    [Fact]
    public async Task StatusListAndRetryShowAndResendWhatTheCoreSetAside()
    {
        using var folder = new TempFolder();
        var refused = Guid.CreateVersion7();
        // The embedded core refuses a record whose desa code is not dotted; the rest flows.
        // The bot database where the verbs look by default: data/pk-bot.db under the working directory.
        var settings = ForwardingBot.Settings("Sqlite", $"Data Source={folder.File("pk-core.db")}");
        settings["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(folder.Path, "data", "pk-bot.db")}";
        await using (var bot = await BotFixture.StartAsync(settings: settings, folder: folder))
        {
            await FamilyRecords.QueueAsync(bot.App.Services, [FamilyRecords.Payload(Guid.CreateVersion7()), FamilyRecords.Payload(refused, desa: "3313012001"), FamilyRecords.Payload(Guid.CreateVersion7())]);
            await bot.WaitUntilNothingWaitsAsync();
            Assert.Equal(1, await bot.CountAsync(ForwardStatus.Rejected));
        }

        var status = await BotProcess.RunAsync(folder.Path, "", "forward", "status");
        var list = await BotProcess.RunAsync(folder.Path, "", "forward", "list", "--rejected");
        var retry = await BotProcess.RunAsync(folder.Path, "", "forward", "retry", "--all-rejected");
        var again = await BotProcess.RunAsync(folder.Path, "", "forward", "retry", refused.ToString());
        var notAnId = await BotProcess.RunAsync(folder.Path, "", "forward", "retry", "keluarga-1");

        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("Menunggu dikirim ke pusat : 0", status.Stdout);
        Assert.Contains("Sudah diterima pusat     : 2", status.Stdout);
        Assert.Contains("1 ditolak, 0 konflik", status.Stdout);
        Assert.DoesNotContain("belum pernah", status.Stdout);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"{refused:D}  v1", list.Stdout);
        Assert.Contains("CHECK constraint failed", list.Stdout);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("1 catatan dikembalikan", retry.Stdout);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(2, notAnId.ExitCode);
        Assert.Contains("RECORD_ID", notAnId.Stderr);
        var botDb = CoreQuery.Sqlite(Path.Combine(folder.Path, "data", "pk-bot.db"));
        Assert.Equal(1, await botDb.CountAsync("submitted_records", $"ForwardStatus = 'Pending'"));
    }

    [Fact]
    public async Task ListWithoutAChoiceSaysWhatIsExpected()
    {
        using var folder = new TempFolder();
        var list = await BotProcess.RunAsync(folder.Path, "", "forward", "list");
        Assert.Equal(2, list.ExitCode);
        Assert.Contains("--rejected", list.Stderr);
    }
}
