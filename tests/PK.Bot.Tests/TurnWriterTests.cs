using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;
using PK.Domain;

namespace PK.Bot.Tests;

/// <summary>
/// Turns are decided outside the write lock, often from the chat's copy in memory, and committed together: whatever
/// changed in the database since a turn read it must win, as it did when each turn held the lock from read to write.
/// </summary>
public sealed class TurnWriterTests
{
    private static readonly string SameAddress = string.Format(Texts.DuplicateSameAddress, "");

    [Fact]
    public async Task TwoKaderClaimingOneAddressAtTheSameMomentAreNotBothLetThrough()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "a");
        await bot.AddPersonAsync("Sri Lestari", "6281311110002", chatId: "b");
        var a = Script.Family(houseNumber: 7, head: "Ahmad Anggoro", nik: "3313011507800001");
        var b = Script.Family(houseNumber: 7, head: "Bambang Bagus", nik: "3313011507800002");
        // Up to the house number; the next answer (No. Urut) completes the same address for both.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("a", $"m{i}", a[i])));
            Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("b", $"m{i}", b[i])));
        }
        Assert.DoesNotContain(bot.Sender.TextsTo("a").Concat(bot.Sender.TextsTo("b")), t => t.Contains(SameAddress));

        var both = await Task.WhenAll(
            bot.Dispatcher.DispatchAsync(Messages.Text("a", "m6", a[6])),
            bot.Dispatcher.DispatchAsync(Messages.Text("b", "m6", b[6])));

        Assert.All(both, outcome => Assert.Equal(TurnOutcome.Applied, outcome));
        var lastA = (await bot.Sender.WaitForAsync("a", 7))[^1];
        var lastB = (await bot.Sender.WaitForAsync("b", 7))[^1];
        // Exactly one of them answered second, and is asked about the other's family.
        Assert.Single(new[] { lastA, lastB }, t => t.Contains(SameAddress));
    }

    [Fact]
    public async Task AKaderTakenOffTheRosterIsRefusedOnTheNextMessageThoughTheChatIsInMemory()
    {
        await using var bot = await BotFixture.StartAsync();
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        var script = Script.Family(houseNumber: 31, nik: "3313011507800001");
        for (var i = 0; i < 4; i++)
            Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{i}", script[i])));
        var answers = await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id));

        // Another process (roster import) deactivates the kader; this process's memory of the chat still says active.
        await bot.QueryAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == kader.Id);
            person.Active = false;
            person.UpdatedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(TurnOutcome.NotOnRoster, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m4", script[4])));
        Assert.Equal(answers, await bot.QueryAsync(db => StoredAnswers.AuditOfAsync(db, kader.Id)));
        Assert.Equal(Texts.NotOnRoster, (await bot.Sender.WaitForAsync("c1", 5))[^1]);
    }

    [Fact]
    public async Task AnInterviewMovedToAnotherKaderIsNotWrittenByTheChatThatStillRemembersIt()
    {
        await using var bot = await BotFixture.StartAsync();
        var from = await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "from");
        var to = await bot.AddPersonAsync("Sri Lestari", "6281311110002", chatId: "to");
        var script = Script.Family(houseNumber: 41, nik: "3313011507800001");
        for (var i = 0; i < 4; i++)
            Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("from", $"m{i}", script[i])));
        var moved = await bot.QueryAsync(db => db.Interviews.SingleAsync());
        var audited = await bot.QueryAsync(db => db.AnswerAudit.CountAsync(a => a.RecordId == moved.RecordId));

        // What `roster transfer` does from another process: the unfinished family now belongs to the other kader.
        await bot.QueryAsync(db => db.Interviews.Where(i => i.RecordId == moved.RecordId).ExecuteUpdateAsync(s => s.SetProperty(i => i.KaderId, to.Id)));

        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("from", "m4", script[4])));
        var after = await bot.QueryAsync(db => db.Interviews.SingleAsync(i => i.RecordId == moved.RecordId));
        Assert.Equal(to.Id, after.KaderId);
        Assert.Equal(moved.UpdatedAt, after.UpdatedAt);
        Assert.Equal(moved.SnapshotJson, after.SnapshotJson);
        Assert.Equal(audited, await bot.QueryAsync(db => db.AnswerAudit.CountAsync(a => a.RecordId == moved.RecordId)));
    }

    [Fact]
    public async Task ManyChatsCommittedTogetherKeepEveryAnswerOnceAndInOrder()
    {
        await using var bot = await BotFixture.StartAsync();
        const int chats = 24;
        var kader = new List<PK.Bot.Persistence.Person>();
        for (var k = 0; k < chats; k++) kader.Add(await bot.AddPersonAsync($"Kader {k}", $"62813111{k:D5}", chatId: $"c{k}"));
        var scripts = Enumerable.Range(0, chats).Select(k => Script.Family(houseNumber: 500 + k, nik: $"33130115078{k:D5}")).ToList();

        // Every chat sends its whole script at once, and every message a second time: the batches mix chats and twins.
        var sends = new List<Task<TurnOutcome>>();
        for (var i = 0; i < scripts[0].Count; i++)
            for (var k = 0; k < chats; k++)
            {
                sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text($"c{k}", $"m{i}", scripts[k][i])));
                sends.Add(bot.Dispatcher.DispatchAsync(Messages.Text($"c{k}", $"m{i}", scripts[k][i])));
            }
        var outcomes = await Task.WhenAll(sends);

        Assert.Equal(chats * scripts[0].Count, outcomes.Count(o => o == TurnOutcome.Applied));
        Assert.Equal(chats * scripts[0].Count, outcomes.Count(o => o == TurnOutcome.Duplicate));
        var reference = await BotFixture.StartAsync();
        await using (reference)
        {
            var alone = await reference.AddPersonAsync("Kader 0", "6281311100000", chatId: "c0");
            foreach (var (text, i) in scripts[0].Select((t, i) => (t, i)))
                await reference.Dispatcher.DispatchAsync(Messages.Text("c0", $"m{i}", text));
            var expected = await reference.QueryAsync(db => StoredAnswers.ItemsOfAsync(db, alone.Id));
            Assert.Equal(expected, await bot.QueryAsync(db => StoredAnswers.ItemsOfAsync(db, kader[0].Id)));
            Assert.Equal(StoredAnswers.Echoes(await reference.Sender.WaitForAsync("c0", scripts[0].Count)), StoredAnswers.Echoes(await bot.Sender.WaitForAsync("c0", scripts[0].Count)));
        }
        Assert.Equal(chats, await bot.QueryAsync(db => db.Interviews.CountAsync()));
        Assert.Equal(chats * scripts[0].Count, await bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
    }
}
