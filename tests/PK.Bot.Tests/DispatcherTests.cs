using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Conversations;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests;

public sealed class DispatcherTests
{
    [Fact]
    public async Task ARedeliveredMessageIdIsIgnored()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");

        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "halo")));
        Assert.Equal(TurnOutcome.Duplicate, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "halo")));
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "lagi")));

        Assert.Equal(2, await bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
        Assert.Equal(2, await bot.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task ABurstIsAppliedInTheOrderItWasSent()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");

        var burst = Enumerable.Range(1, 40).Select(i => bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{i}", $"jawaban {i}"))).ToList();
        await Task.WhenAll(burst);

        var replies = await bot.Sender.WaitForAsync("c1", 40);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"Pesan ke-{i}: jawaban {i}"), replies);
    }

    [Fact]
    public async Task TwoInterleavedChatsNeverMix()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "a");
        await bot.AddPersonAsync("Budi Santoso", "6281311110002", chatId: "b");

        var sends = new List<Task<TurnOutcome>>();
        for (var i = 1; i <= 25; i++)
        {
            sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text("a", $"a{i}", $"A{i}")));
            sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text("b", $"b{i}", $"B{i}")));
        }
        Assert.All(await Task.WhenAll(sends), outcome => Assert.Equal(TurnOutcome.Applied, outcome));

        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Pesan ke-{i}: A{i}"), await bot.Sender.WaitForAsync("a", 25));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Pesan ke-{i}: B{i}"), await bot.Sender.WaitForAsync("b", 25));
    }

    [Fact]
    public async Task AChatOfSomeoneNotOnTheRosterGetsOnlyARefusal()
    {
        await using var bot = await BotFixture.StartAsync();

        Assert.Equal(TurnOutcome.NotOnRoster, await bot.Dispatcher.DispatchAsync(Messages.Text("stranger", "m1", "halo")));

        var replies = await bot.Sender.WaitForAsync("stranger", 1);
        Assert.Contains("belum terdaftar", replies.Single());
        Assert.Equal(0, await bot.QueryAsync(db => db.ChatStates.CountAsync()));
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeWrittenNothingIsHalfSavedAndThePersonIsToldDirectly()
    {
        var readOnly = new ReadOnlySwitch();
        await using var bot = await BotFixture.StartAsync(services => services.AddSingleton<IInterceptor>(readOnly));
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "pertama")));
        await bot.Sender.WaitForAsync("c1", 1);
        await bot.WaitUntilOutboxIsEmptyAsync();

        readOnly.On = true;
        Assert.Equal(TurnOutcome.Failed, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "kedua")));
        var replies = await bot.Sender.WaitForAsync("c1", 2);
        Assert.Contains("BELUM tersimpan", replies[1]);

        readOnly.On = false;
        Assert.Equal(1, await bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
        Assert.Equal(1, await bot.QueryAsync(db => db.Outbox.CountAsync()));
        // The same message, re-sent once the disk is fine, is applied as if for the first time.
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "kedua")));
        Assert.Equal("Pesan ke-2: kedua", (await bot.Sender.WaitForAsync("c1", 3))[2]);
    }

    /// <summary>SQLite's own refusal to write (<c>PRAGMA query_only</c>), switched on per connection, as a full or read-only disk would refuse.</summary>
    private sealed class ReadOnlySwitch : DbConnectionInterceptor
    {
        public volatile bool On;

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA query_only = {(On ? 1 : 0)};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA query_only = {(On ? 1 : 0)};";
            command.ExecuteNonQuery();
        }
    }
}
