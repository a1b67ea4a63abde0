using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Turns;
using PK.Bot.Operations;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Ages = new()
    {
        ["Retention:BatchSize"] = "2", // several batches per table
        ["Retention:ProcessedMessagesAfter"] = "10.00:00:00",
        ["Retention:SentRepliesAfter"] = "20.00:00:00",
        ["Retention:AppliedInboxAfter"] = "10.00:00:00",
        ["Retention:DeliveryStatusesAfter"] = "10.00:00:00",
    };

    [Fact]
    public async Task PruningDeletesOnlyWhatIsOlderThanItsAgeAndNeverSubmittedRecords()
    {
        var clock = new FakeTimeProvider(Now);
        await using var bot = await ReportingBot.StartAsync(clock, Ages);
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001");
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, Now.AddDays(-90)), ForwardStatus.Delivered);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, Now.AddDays(-90)));
        await bot.QueryAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.ProcessedMessages.Add(new ProcessedMessage { Channel = "test", ChatId = "c1", MessageId = $"old{i}", AppliedAt = Now.AddDays(-11) });
                db.ProcessedMessages.Add(new ProcessedMessage { Channel = "test", ChatId = "c1", MessageId = $"recent{i}", AppliedAt = Now.AddDays(-9) });
                db.Inbox.Add(new InboxMessage { Channel = "whatsapp", PlatformId = $"old{i}", RawPayload = "{}", ReceivedAt = Now.AddDays(-11), ProcessedAt = Now.AddDays(-11) });
                db.Inbox.Add(new InboxMessage { Channel = "whatsapp", PlatformId = $"recent{i}", RawPayload = "{}", ReceivedAt = Now.AddDays(-9), ProcessedAt = Now.AddDays(-9) });
            }
            db.Inbox.Add(new InboxMessage { Channel = "whatsapp", PlatformId = "never-applied", RawPayload = "{}", ReceivedAt = Now.AddDays(-60) });
            // Chat c1: five old sent replies (the newest of them carries the sequence), chat c2: an old unsent one.
            for (var s = 1; s <= 5; s++)
                db.Outbox.Add(new OutboxMessage { Channel = "test", ChatId = "c1", Sequence = s, PayloadJson = "{}", CreatedAt = Now.AddDays(-40), SentAt = Now.AddDays(-40 + s) });
            db.Outbox.Add(new OutboxMessage { Channel = "test", ChatId = "c2", Sequence = 1, PayloadJson = "{}", CreatedAt = Now.AddDays(-40), SentAt = Now.AddDays(-40) });
            db.Outbox.Add(new OutboxMessage { Channel = "test", ChatId = "c2", Sequence = 2, PayloadJson = "{}", CreatedAt = Now.AddDays(-40) });
            await db.SaveChangesAsync();
            var named = await db.Outbox.Where(o => o.ChatId == "c1" && o.Sequence == 2).Select(o => o.Id).SingleAsync();
            db.Set<WhatsAppDelivery>().Add(new WhatsAppDelivery { Wamid = "wamid.old", OutboxMessageId = null, SentAt = Now.AddDays(-30), StatusAt = Now.AddDays(-29), Status = DeliveryStatus.Read });
            db.Set<WhatsAppDelivery>().Add(new WhatsAppDelivery { Wamid = "wamid.recent", OutboxMessageId = named, SentAt = Now.AddDays(-30), StatusAt = Now.AddDays(-5), Status = DeliveryStatus.Failed });
            return await db.SaveChangesAsync();
        });

        var deleted = await bot.App.Services.GetRequiredService<RetentionPruner>().PruneOnceAsync(CancellationToken.None);

        Assert.Equal(5, deleted["processed_messages"]);
        Assert.Equal(5, deleted["inbox_messages"]);
        Assert.Equal(1, deleted["whatsapp_deliveries"]);
        Assert.Equal(4, deleted["outbox_messages"]); // c1 seq 1, 3, 4 and c2 seq 1
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"recent{i}"), await bot.QueryAsync(db => db.ProcessedMessages.OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync()));
        Assert.Equal(["never-applied", .. Enumerable.Range(0, 5).Select(i => $"recent{i}")],
            (await bot.QueryAsync(db => db.Inbox.Select(m => m.PlatformId).ToListAsync())).Order());
        Assert.Equal(["c1 2", "c1 5", "c2 2"], await bot.QueryAsync(db => db.Outbox.OrderBy(o => o.ChatId).ThenBy(o => o.Sequence).Select(o => o.ChatId + " " + o.Sequence).ToListAsync()));
        Assert.Equal(["wamid.recent"], await bot.QueryAsync(db => db.Set<WhatsAppDelivery>().Select(d => d.Wamid).ToListAsync()));
        Assert.Equal(2, await bot.QueryAsync(db => db.SubmittedRecords.CountAsync()));

        var again = await bot.App.Services.GetRequiredService<RetentionPruner>().PruneOnceAsync(CancellationToken.None);
        Assert.All(again.Values, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task ARedeliveryInsideTheRedeliveryWindowIsStillIgnoredAfterPruning()
    {
        var clock = new FakeTimeProvider(Now);
        await using var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string> { ["Retention:ProcessedMessagesAfter"] = "8.00:00:00" });
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        var pruner = bot.App.Services.GetRequiredService<RetentionPruner>();
        Assert.Equal(TurnOutcome.Applied, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "wamid.first", "/bantuan")));
        var replies = await bot.QueryAsync(db => db.Outbox.CountAsync());

        // WhatsApp may redeliver for 7 days: pruned up to the last minute of that window, the id still guards.
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(23));
        await pruner.PruneOnceAsync(CancellationToken.None);
        Assert.Equal(TurnOutcome.Duplicate, await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "wamid.first", "/bantuan")));
        Assert.Equal(replies, await bot.QueryAsync(db => db.Outbox.CountAsync()));

        clock.Advance(TimeSpan.FromHours(2));
        await pruner.PruneOnceAsync(CancellationToken.None);
        Assert.False(await bot.QueryAsync(db => db.ProcessedMessages.AnyAsync(m => m.MessageId == "wamid.first")), "past the window the id is pruned");
    }

    [Fact]
    public async Task AnAgeInsideTheRedeliveryWindowStopsStartUpNamingTheKey()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "migrate", "--Retention:ProcessedMessagesAfter=1.00:00:00");

        Assert.NotEqual(0, exit);
        Assert.Contains("Retention:ProcessedMessagesAfter", stderr);
    }
}
