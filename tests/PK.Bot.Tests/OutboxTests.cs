using PK.Bot.Tests.Support;

namespace PK.Bot.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task RepliesWaitInOrderWhileThePlatformIsDownAndAllArriveOnceItRecovers()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        bot.Sender.FailNext(5);

        for (var i = 1; i <= 6; i++)
            await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{i}", $"j{i}"));

        var replies = await bot.Sender.WaitForAsync("c1", 6);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"Pesan ke-{i}: j{i}"), replies);
        Assert.True(bot.Sender.Attempts >= 11);
        var outbox = await bot.QueryAsync(db => db.Outbox.OrderBy(m => m.Sequence).ToListAsync());
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
        Assert.Equal(6, outbox[0].Attempts);
        Assert.Null(outbox[0].LastError);
    }
}
