using Microsoft.Extensions.DependencyInjection;
using PK.Bot.People;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;
using PK.Domain.Interviews;
using PK.Domain.People;

namespace PK.Bot.Tests;

/// <summary>`roster transfer FROM TO`: a leaver's unfinished families go to a kader of the same area, answers intact.</summary>
public sealed class RosterTransferTests
{
    private static async Task<RosterTransfer.Outcome> TransferAsync(BotFixture bot, string from, string to)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var transfer = new RosterTransfer(scope.ServiceProvider.GetRequiredService<BotDbContext>(), TimeProvider.System);
        return await transfer.TransferAsync(PhoneNumber.Parse(from), PhoneNumber.Parse(to), CancellationToken.None);
    }

    [Fact]
    public async Task TheTakerResumesTheLeaversUnfinishedFamilyWithItsAnswers()
    {
        await using var bot = await BotFixture.StartAsync();
        var leaver = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "leaver");
        var taker = await bot.AddPersonAsync("Sri Lestari", "6281311110002", chatId: "taker");
        await bot.Dispatcher.DispatchAsync(Messages.Text("leaver", "m1", "/mulai"));
        await bot.Dispatcher.DispatchAsync(Messages.Text("leaver", "m2", "Jl. Melati 5"));

        var outcome = await TransferAsync(bot, "081311110001", "081311110002");

        Assert.Equal(new RosterTransfer.Outcome(1, null), outcome);
        var moved = Assert.Single(await bot.QueryAsync(db => db.Interviews.ToListAsync()));
        Assert.Equal(taker.Id, moved.KaderId);
        await bot.Dispatcher.DispatchAsync(Messages.Text("taker", "t1", "/lanjut"));
        var replies = await bot.Sender.WaitForAsync("taker", 1);
        Assert.Contains("K.2 ", replies.Last());
        await bot.Dispatcher.DispatchAsync(Messages.Text("leaver", "m3", "/lanjut"));
        Assert.Contains("Tidak ada keluarga yang belum selesai", (await bot.Sender.WaitForAsync("leaver", 3)).Last());
        Assert.NotEqual(leaver.Id, moved.KaderId);
    }

    [Fact]
    public async Task AKaderOfAnotherAreaCannotTakeOver()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "leaver");
        await bot.AddPersonAsync("Dewi", "6281311110003", chatId: "other", region: "33.13.02.2001");
        await bot.Dispatcher.DispatchAsync(Messages.Text("leaver", "m1", "/mulai"));

        var outcome = await TransferAsync(bot, "081311110001", "081311110003");

        Assert.Equal(0, outcome.Moved);
        Assert.Contains("di luar wilayah", outcome.Problem);
        var kept = Assert.Single(await bot.QueryAsync(db => db.Interviews.ToListAsync()));
        Assert.Equal(InterviewStatus.InProgress, kept.Status);
    }
}
