using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels;
using PK.Bot.Channels.Telegram;
using PK.Bot.Turns;
using PK.Bot.Hosting;
using PK.Domain.Conversations;
using PK.Bot.Tests.Support;
using PK.Domain;

namespace PK.Bot.Tests.Telegram;

/// <summary>No answer lost, none doubled, replies in order: redelivery, 429 storms, Telegram down and back.</summary>
public sealed class TelegramDeliveryTests
{
    private const long Sri = 7201;

    private static readonly string[] Opening = ["/mulai", "Jl. Melati 5", "/lewati", "3", "2 15 1 4"];

    [Fact]
    public async Task TheSameUpdateDeliveredTwiceIsAppliedOnce()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        await tg.SendAsync(Sri, tg.Api.Says(Sri, "/mulai"));
        var update = tg.Api.Says(Sri, "Jl. Melati 5");

        var first = await tg.SendAsync(Sri, update);
        var again = await tg.SendAsync(Sri, (System.Text.Json.Nodes.JsonObject)update.DeepClone());

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Equal(1, await tg.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync(m => m.Channel == TelegramChannel.Name && m.MessageId == FakeBotApi.Id(update).ToString())));
        Assert.Equal(1, await tg.Bot.QueryAsync(db => db.AnswerAudit.CountAsync()));
    }

    [Fact]
    public async Task AnUpdateWhoseTurnCouldNotBeSavedStaysUnconfirmedAndIsAppliedOnceWhenStorageIsBack()
    {
        var readOnly = new ReadOnlySwitch();
        await using var tg = await TelegramHarness.StartAsync(services: s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(readOnly));
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        await tg.SendAsync(Sri, tg.Api.Says(Sri, "/mulai"));

        readOnly.On = true;
        var id = tg.Api.Deliver(tg.Api.Says(Sri, "Jl. Melati 5"));
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.MessagesTo(Sri).Any(m => m.Text == Texts.StorageFailedWillRetry)), "the storage notice");
        Assert.True(tg.Api.ConfirmedOffset <= id, "an update whose turn failed must not be confirmed to Telegram");
        Assert.Equal(0, await tg.Bot.QueryAsync(db => db.AnswerAudit.CountAsync()));

        readOnly.On = false;
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.ConfirmedOffset > id), "the update confirmed once storage is back");
        await tg.WaitUntilAppliedAsync(id);
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        Assert.Equal(1, await tg.Bot.QueryAsync(db => db.AnswerAudit.CountAsync()));
        Assert.Contains(tg.Api.MessagesTo(Sri), m => m.Text.Contains("✓ K.1 Alamat rumah: Jl. Melati 5"));
    }

    [Fact]
    public async Task A429StormDelaysRepliesButLosesAndDoublesNone()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        tg.Api.Inject(FaultKind.TooManyRequests, times: 4, method: "sendMessage", retryAfter: 1);

        // A burst typed offline arrives at once.
        var updates = Opening.Select(line => tg.Api.Says(Sri, line)).ToList();
        foreach (var update in updates.SkipLast(1)) tg.Api.Deliver(update);
        var replies = await tg.SendAsync(Sri, updates[^1]);

        AssertOneReplyPerLineInOrder(replies);
        var sends = tg.Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal(4, sends.Count(c => c.Status == 429));
        // retry_after was honoured: nothing went out within a second of a 429.
        var firstRefusal = sends.First(c => c.Status == 429).At;
        Assert.All(sends.Where(c => c.Status == 200 && c.At > firstRefusal), c => Assert.True(c.At - firstRefusal >= TimeSpan.FromSeconds(0.9), $"{(c.At - firstRefusal).TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task WhileTelegramIsDownRepliesWaitAndGoOutInOrderWhenItIsBack()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");

        // Sending breaks first (dropped connections, then 5xx): the answers are applied, the replies wait.
        tg.Api.Inject(FaultKind.Drop, times: 3, method: "sendMessage");
        tg.Api.Inject(FaultKind.ServerError, times: 3, method: "sendMessage");
        var early = Opening.Take(3).Select(line => tg.Api.Says(Sri, line)).ToList();
        foreach (var update in early) tg.Api.Deliver(update);
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.ConfirmedOffset > FakeBotApi.Id(early[^1])), "the first answers confirmed");
        await tg.WaitUntilAppliedAsync(FakeBotApi.Id(early[^1]));

        // Then Telegram is gone altogether while the kader keeps typing.
        tg.Api.Down = true;
        var callsBefore = tg.Api.Calls.Count;
        var late = Opening.Skip(3).Select(line => tg.Api.Says(Sri, line)).ToList();
        foreach (var update in late) tg.Api.Deliver(update);
        // Applied while Telegram is gone (a webhook would bring them; the fake's poll still answers once it is back),
        // the late replies are tried, refused by the dead connection, and wait.
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.Calls.Skip(callsBefore).Count(c => c.Method == "sendMessage" && c.Status == -1) >= 2), "sends tried while Telegram is down");
        Assert.True(await tg.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null && m.Attempts > 0 && m.LastError != null)));
        Assert.DoesNotContain(tg.Api.MessagesTo(Sri), m => m.Text.StartsWith("✓ K.4", StringComparison.Ordinal));
        tg.Api.Down = false;

        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.ConfirmedOffset > FakeBotApi.Id(late[^1])), "the late answers confirmed");
        await tg.WaitUntilAppliedAsync(FakeBotApi.Id(late[^1]));
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        var replies = tg.Api.MessagesTo(Sri).Skip(1).ToList(); // after the welcome
        AssertOneReplyPerLineInOrder(replies);
        Assert.Equal(Opening.Length, await tg.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync(m => m.Channel == TelegramChannel.Name)) - 1);
    }

    [Fact]
    public async Task APacedBacklogAndABlockedChatDoNotHoldBackAnotherChatsReply()
    {
        const long Busy = 7301, Blocked = 7302;
        await using var tg = await TelegramHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Telegram:MaxMessagesPerSecond"] = "30",
            ["Telegram:MaxMessagesPerSecondPerChat"] = "1",
        });
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        tg.Api.Block(Blocked);

        // 500 replies waiting for one chat (paced at one a second), and a chat whose person blocked the bot.
        await tg.Bot.QueryAsync(async db =>
        {
            await OutboxWriter.QueueAsync(db, new ChatKey(TelegramChannel.Name, Busy.ToString()), Enumerable.Range(1, 500).Select(i => OutboxPayload.Of(Reply.Plain($"Pesan {i}"))), DateTimeOffset.UtcNow, CancellationToken.None);
            await OutboxWriter.QueueAsync(db, new ChatKey(TelegramChannel.Name, Blocked.ToString()), Enumerable.Range(1, 3).Select(i => OutboxPayload.Of(Reply.Plain($"Pesan {i}"))), DateTimeOffset.UtcNow, CancellationToken.None);
            return await db.SaveChangesAsync();
        });
        tg.Bot.App.Services.GetRequiredService<WakeSignal<OutboxSender>>().Notify();
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.MessagesTo(Busy).Count > 0 && tg.Api.Calls.Any(c => c.Status == 403)), "the busy chat served and the blocked chat refused");

        tg.Api.Deliver(tg.Api.Says(Sri, "/mulai"));
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.MessagesTo(Sri).Any(m => m.Text.StartsWith("Mulai mencatat", StringComparison.Ordinal))),
            "the kader's reply", TimeSpan.FromSeconds(60));

        // It went out while the busy chat still had hundreds waiting, and while the blocked chat kept failing.
        Assert.True(tg.Api.MessagesTo(Busy).Count < 100, $"{tg.Api.MessagesTo(Busy).Count} of the busy chat's replies went first");
        Assert.True(await tg.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.ChatId == Busy.ToString() && m.SentAt == null)) >= 400);
        // The blocked chat's replies are kept, in order, for when the person unblocks the bot.
        Assert.Equal(3, await tg.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.ChatId == Blocked.ToString() && m.SentAt == null)));
        Assert.True(await tg.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.ChatId == Blocked.ToString() && m.Sequence == 1 && m.Attempts > 0 && m.LastError != null)));
    }

    [Fact]
    public async Task UnderTelegramsPerChatLimitTheNextQuestionGoesBeforeTheEditOfThePressedMessage()
    {
        await using var tg = await TelegramHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Telegram:MaxMessagesPerSecond"] = "30",
            ["Telegram:MaxMessagesPerSecondPerChat"] = "1",
        });
        tg.Api.LimitPerChat(perSecond: 1, burst: 3);
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");

        var presses = 0;
        foreach (var token in FamilyRecords.FamilyOfFour.SelectMany(line => line.Split(' ')))
        {
            if (presses == 8) break;
            var shown = tg.Api.MessagesTo(Sri).Last(m => m.Edits == 0);
            var button = shown.Buttons.FirstOrDefault(b => b.Text.StartsWith(token + ". ", StringComparison.Ordinal));
            if (button.Text is null)
            {
                await tg.SendAsync(Sri, tg.Api.Says(Sri, token));
                continue;
            }
            var callsBefore = tg.Api.Calls.Count;
            var replies = await tg.SendAsync(Sri, tg.Api.Presses(Sri, shown, button.Text));
            presses++;
            var calls = tg.Api.Calls.Skip(callsBefore).ToList();
            var question = calls.FindIndex(c => c.Method == "sendMessage" && c.Status == 200);
            var edit = calls.FindIndex(c => c.Method == "editMessageText" && c.Body["message_id"]!.GetValue<int>() == shown.MessageId);
            Assert.True(question >= 0, $"press {presses}: no next question");
            Assert.True(edit == -1 || question < edit, $"press {presses}: the edit went before the next question");
            Assert.NotEmpty(replies);
        }
        Assert.Equal(8, presses);
    }

    [Fact]
    public async Task RowsQueuedByAnOlderVersionStillGoOutWithTheirKeyboard()
    {
        await using var tg = await TelegramHarness.StartAsync();
        // The payload as versions before the one payload type wrote it: the reply's members at the top, "telegram" beside them.
        const string old = """{"text":"Silakan bagikan nomor Anda.","options":[],"questionKey":null,"progress":null,"commands":[],"telegram":{"keyboard":"RequestContact","editMessageId":null}}""";
        const string oldQuestion = """{"text":"Pilih satu:","options":[{"token":"a|x|k|1","label":"Ya","number":"1"}],"questionKey":"K.9","progress":null,"commands":["/kembali"]}""";
        await tg.Bot.QueryAsync(db =>
        {
            db.Outbox.Add(new PK.Bot.Persistence.OutboxMessage { Channel = TelegramChannel.Name, ChatId = Sri.ToString(), Sequence = 1, PayloadJson = old, CreatedAt = DateTimeOffset.UtcNow });
            db.Outbox.Add(new PK.Bot.Persistence.OutboxMessage { Channel = TelegramChannel.Name, ChatId = Sri.ToString(), Sequence = 2, PayloadJson = oldQuestion, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        tg.Bot.App.Services.GetRequiredService<WakeSignal<OutboxSender>>().Notify();
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        var sent = tg.Api.MessagesTo(Sri);
        Assert.Equal(2, sent.Count);
        Assert.Equal("Silakan bagikan nomor Anda.", sent[0].Text);
        Assert.True(sent[0].RequestsContact);
        Assert.Equal([("1. Ya", "a|x|k|1")], sent[1].Buttons);
    }

    /// <summary>The opening lines' replies: one each, echoing K.1, K.2, K.3 and K.4–K.7, in that order.</summary>
    private static void AssertOneReplyPerLineInOrder(IReadOnlyList<SentMessage> replies)
    {
        Assert.Equal(Opening.Length, replies.Count);
        Assert.StartsWith("Mulai mencatat", replies[0].Text);
        Assert.StartsWith("✓ K.1", replies[1].Text);
        Assert.StartsWith("✓ K.2", replies[2].Text);
        Assert.StartsWith("✓ K.3", replies[3].Text);
        Assert.StartsWith("✓ K.4", replies[4].Text);
        Assert.Contains("✓ K.7", replies[4].Text);
        Assert.DoesNotContain(replies, r => r.Text.StartsWith(Texts.StaleButton, StringComparison.Ordinal));
    }
}
