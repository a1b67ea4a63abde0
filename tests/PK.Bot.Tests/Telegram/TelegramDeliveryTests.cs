using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels.Telegram;
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
        var late = Opening.Skip(3).Select(line => tg.Api.Says(Sri, line)).ToList();
        foreach (var update in late) tg.Api.Deliver(update);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(await tg.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null && m.Attempts > 0)));
        tg.Api.Down = false;

        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.ConfirmedOffset > FakeBotApi.Id(late[^1])), "the late answers confirmed");
        await tg.WaitUntilAppliedAsync(FakeBotApi.Id(late[^1]));
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        var replies = tg.Api.MessagesTo(Sri).Skip(1).ToList(); // after the welcome
        AssertOneReplyPerLineInOrder(replies);
        Assert.Equal(Opening.Length, await tg.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync(m => m.Channel == TelegramChannel.Name)) - 1);
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
