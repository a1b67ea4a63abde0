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
        var script = Script.Family().Take(6).ToList();

        for (var i = 0; i < script.Count; i++)
            await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{i}", script[i]));

        var replies = await bot.Sender.WaitForAsync("c1", script.Count);
        Assert.StartsWith("Mulai mencatat", replies[0]);
        Assert.Contains("Jl. Melati 5", replies[1]);
        Assert.Equal([1, 2, 3, 4, 5, 6], bot.Sender.SequencesTo("c1"));
        Assert.Equal(11, bot.Sender.Attempts);
        var outbox = await bot.QueryAsync(db => db.Outbox.OrderBy(m => m.Sequence).ToListAsync());
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
        Assert.Equal(6, outbox[0].Attempts);
        Assert.Null(outbox[0].LastError);
    }
}
