using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests;

public sealed class DispatcherTests
{
    [Fact]
    public async Task ARedeliveredMessageIdIsIgnored()
    {
        await using var bot = await BotFixture.StartAsync();
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");

        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/mulai")));
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "Jl. Melati 5")));
        var audit = await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id));
        Assert.Equal(TurnOutcome.Duplicate, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "Jl. Melati 5")));
        Assert.Equal(TurnOutcome.Duplicate, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/mulai")));

        Assert.Equal(audit, await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id)));
        Assert.Single(audit, a => a.Contains("Jl. Melati 5"));
        Assert.Single(await bot.QueryAsync(db => db.Interviews.ToListAsync()));
        Assert.Equal(2, await bot.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task ABurstIsAppliedInTheOrderItWasSent()
    {
        await using var bot = await BotFixture.StartAsync();
        var one = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "one-by-one");
        var burst = await bot.AddPersonAsync("Sri Lestari", "6281311110002", chatId: "burst");
        var script = Script.Family(houseNumber: 101, nik: "3313011507800001");

        for (var i = 0; i < script.Count; i++)
            await bot.Dispatcher.DispatchAsync(Messages.Text("one-by-one", $"m{i}", script[i]));
        var sent = Script.Family(houseNumber: 202, nik: "3313011507800002").Select((text, i) => bot.Dispatcher.DispatchAsync(Messages.Text("burst", $"m{i}", text))).ToList();
        await Task.WhenAll(sent);

        var expected = await bot.Sender.WaitForAsync("one-by-one", script.Count);
        var actual = await bot.Sender.WaitForAsync("burst", script.Count);
        Assert.Equal(StoredAnswers.Echoes(expected), StoredAnswers.Echoes(actual));
        Assert.True(StoredAnswers.Echoes(actual).Count() >= 12);
        Assert.Equal(await bot.QueryAsync(db => StoredAnswers.ItemsOfAsync(db, one.Id)), await bot.QueryAsync(db => StoredAnswers.ItemsOfAsync(db, burst.Id)));
    }

    [Fact]
    public async Task TwoInterleavedChatsNeverMix()
    {
        await using var bot = await BotFixture.StartAsync();
        var anggrek = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "a");
        var bougenvil = await bot.AddPersonAsync("Budi Santoso", "6281311110002", chatId: "b");
        var a = Script.Family(houseNumber: 11, street: "Jl. Anggrek", head: "Ahmad Anggoro", nik: "3313011507800001");
        var b = Script.Family(houseNumber: 22, street: "Jl. Bougenvil", head: "Bambang Bagus", nik: "3313011507800002");

        var sends = new List<Task<TurnOutcome>>();
        for (var i = 0; i < a.Count; i++)
        {
            sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text("a", $"m{i}", a[i])));
            sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text("b", $"m{i}", b[i])));
        }
        Assert.All(await Task.WhenAll(sends), outcome => Assert.Equal(TurnOutcome.Applied, outcome));

        var toA = string.Join("\n", await bot.Sender.WaitForAsync("a", a.Count));
        var toB = string.Join("\n", await bot.Sender.WaitForAsync("b", b.Count));
        Assert.Contains("Anggrek", toA);
        Assert.DoesNotContain("Bougenvil", toA);
        Assert.DoesNotContain("Bambang", toA);
        Assert.Contains("Bougenvil", toB);
        Assert.DoesNotContain("Anggrek", toB);
        Assert.Equal(StoredAnswers.Echoes(toA.Split('\n')), StoredAnswers.Echoes(toB.Split('\n')));
        var auditA = string.Join("\n", await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, anggrek.Id)));
        var auditB = string.Join("\n", await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, bougenvil.Id)));
        Assert.Contains("Ahmad Anggoro", auditA);
        Assert.DoesNotContain("Bambang", auditA);
        Assert.Contains("Bambang Bagus", auditB);
        Assert.DoesNotContain("Anggrek", auditB);
    }

    [Fact]
    public async Task AChatOfSomeoneNotOnTheRosterGetsOnlyARefusal()
    {
        await using var bot = await BotFixture.StartAsync();

        Assert.Equal(TurnOutcome.NotOnRoster, await bot.Dispatcher.DispatchAsync(Messages.Text("stranger", "m1", "/mulai")));

        var replies = await bot.Sender.WaitForAsync("stranger", 1);
        Assert.Contains("belum terdaftar", replies.Single());
        Assert.Equal(0, await bot.QueryAsync(db => db.ChatStates.CountAsync()));
        Assert.Equal(0, await bot.QueryAsync(db => db.Interviews.CountAsync()));
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeWrittenNothingIsHalfSavedAndThePersonIsToldDirectly()
    {
        var readOnly = new ReadOnlySwitch();
        await using var bot = await BotFixture.StartAsync(services => services.AddSingleton<IInterceptor>(readOnly));
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/mulai")));
        await bot.Sender.WaitForAsync("c1", 1);
        await bot.WaitUntilOutboxIsEmptyAsync();

        var before = await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id));

        readOnly.On = true;
        Assert.Equal(TurnOutcome.Failed, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "Jl. Melati 5")));
        var replies = await bot.Sender.WaitForAsync("c1", 2);
        Assert.Contains("BELUM tersimpan", replies[1]);

        readOnly.On = false;
        Assert.Equal(1, await bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
        Assert.Equal(1, await bot.QueryAsync(db => db.Outbox.CountAsync()));
        Assert.Equal(before, await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id)));
        // The same message, re-sent once the disk is fine, is applied as if for the first time.
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "Jl. Melati 5")));
        Assert.Contains("Jl. Melati 5", (await bot.Sender.WaitForAsync("c1", 3))[2]);
        Assert.Single(await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id)), a => a.Contains("Jl. Melati 5"));
    }
    [Fact]
    public async Task ATurnCancelledMidWayLeavesItsChatFreeForTheNextMessage()
    {
        var hold = new HoldingInterceptor();
        // Without the chats kept in memory the turn reads its chat state from the database, where it is held mid-way.
        await using var bot = await BotFixture.StartAsync(services => services.AddSingleton<IInterceptor>(hold), new Dictionary<string, string> { ["Turns:CacheMegabytes"] = "0" });
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/mulai")));

        using var cancel = new CancellationTokenSource();
        hold.Armed = true;
        var cancelled = bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2", "Jl. Mawar 1"), cancel.Token);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(20));
        var queued = bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m2b", "Jl. Mawar 2"));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(20)));
        // What queued behind the cancelled turn is failed with it (its caller keeps the message and hands it over again).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(20)));

        var next = await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m3", "Jl. Melati 5")).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(TurnOutcome.Applied, next);
        var audit = await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id));
        Assert.Single(audit, a => a.Contains("Jl. Melati 5"));
        Assert.DoesNotContain(audit, a => a.Contains("Jl. Mawar"));
    }
}
