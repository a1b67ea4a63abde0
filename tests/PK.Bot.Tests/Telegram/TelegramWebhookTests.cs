using System.Net;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PK.Bot.Channels.Telegram;
using PK.Bot.Tests.Support;
using PK.Domain;

namespace PK.Bot.Tests.Telegram;

public sealed class TelegramWebhookTests
{
    private const long Sri = 7301;

    [Fact]
    public async Task WebhookModeRegistersItsWebhookWithTheSecretAndTheCommandMenu()
    {
        await using var tg = await TelegramHarness.StartAsync(webhook: true);

        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.Succeeded("setMyCommands").Count > 0), "commands set");

        var webhook = Assert.Single(tg.Api.Succeeded("setWebhook"));
        Assert.Equal("https://pk-bot.example.go.id/telegram/webhook", webhook.Body["url"]!.GetValue<string>());
        Assert.Equal(TelegramHarness.WebhookSecret, webhook.Body["secret_token"]!.GetValue<string>());
        Assert.DoesNotContain(tg.Api.Calls, c => c.Method is "getUpdates" or "deleteWebhook");
        var commands = tg.Api.Succeeded("setMyCommands")[0].Body["commands"]!.AsArray().Select(c => "/" + c!["command"]!.GetValue<string>());
        Assert.Equal(["/mulai", "/lanjut", "/kembali", "/lewati", "/ringkasan", "/ubah", "/kirim", "/jeda", "/batal", "/koreksi", "/progres", "/dasbor", "/bantuan"], commands);
    }

    [Fact]
    public async Task PollingModeRemovesTheWebhook()
    {
        await using var tg = await TelegramHarness.StartAsync();

        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.Calls.Any(c => c.Method == "getUpdates")), "polling");

        Assert.Single(tg.Api.Succeeded("deleteWebhook"));
        Assert.DoesNotContain(tg.Api.Calls, c => c.Method == "setWebhook");
    }

    [Fact]
    public async Task AnUpdateWithTheRightSecretIsStoredAnsweredAtOnceAndAppliedAfter()
    {
        await using var tg = await TelegramHarness.StartAsync(webhook: true);
        var update = tg.Api.Says(Sri, "/start");

        using var response = await tg.PostWebhookAsync(update, TelegramHarness.WebhookSecret);
        using var twice = await tg.PostWebhookAsync(update, TelegramHarness.WebhookSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(1, await tg.Bot.QueryAsync(db => db.Inbox.CountAsync()));
        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)), "the stored update applied");
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();
        var reply = Assert.Single(tg.Api.MessagesTo(Sri));
        Assert.Equal(TelegramTexts.ShareContactPrompt, reply.Text);
        Assert.True(reply.RequestsContact);
    }

    [Theory]
    [InlineData("salah")]
    [InlineData("rahasia_webhook-12")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AWrongOrMissingSecretGets401AndNothingIsStored(string? secret)
    {
        await using var tg = await TelegramHarness.StartAsync(webhook: true);

        using var response = await tg.PostWebhookAsync(tg.Api.Says(Sri, "/start"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await tg.Bot.QueryAsync(db => db.Inbox.AnyAsync()));
        Assert.False(await tg.Bot.QueryAsync(db => db.ProcessedMessages.AnyAsync()));
    }

    [Fact]
    public async Task AWebhookFamilyTurnIsAppliedInOrderPerChat()
    {
        await using var tg = await TelegramHarness.StartAsync(webhook: true);
        await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");
        string[] lines = ["/mulai", "Jl. Melati 5", "/lewati", "3"];

        Assert.Equal(HttpStatusCode.OK, (await tg.PostWebhookAsync(tg.Api.SharesContact(Sri, Sri, "6281311110001"), TelegramHarness.WebhookSecret)).StatusCode);
        foreach (var line in lines)
            Assert.Equal(HttpStatusCode.OK, (await tg.PostWebhookAsync(tg.Api.Says(Sri, line), TelegramHarness.WebhookSecret)).StatusCode);

        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)), "all stored updates applied");
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();
        var replies = tg.Api.MessagesTo(Sri);
        Assert.Equal(5, replies.Count);
        Assert.StartsWith(TelegramTexts.ContactLinked, replies[0].Text);
        Assert.StartsWith("Mulai mencatat", replies[1].Text);
        Assert.StartsWith("✓ K.1", replies[2].Text);
        Assert.StartsWith("✓ K.2", replies[3].Text);
        Assert.StartsWith("✓ K.3", replies[4].Text);
    }

    /// <summary>Failing items are tried a few times in quick succession, then set aside.</summary>
    internal static readonly Dictionary<string, string> QuickRetries = new() { ["Inbox:RetryDelay"] = "00:00:00.010", ["Inbox:MaxAttempts"] = "3" };

    [Theory]
    [InlineData("""{"update_id":101,"message":{"message_id":1,"date":0}}""")]
    [InlineData("""{"update_id":102,"callback_query":{"id":"cq-odd","chat_instance":"1","data":"a|x"}}""")]
    public async Task AnOddUpdateIsSetAsideAndEveryOtherChatIsStillApplied(string odd)
    {
        await using var tg = await TelegramHarness.StartAsync(webhook: true, settings: QuickRetries);
        await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");

        using var response = await tg.PostWebhookAsync(odd, TelegramHarness.WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tg.PostWebhookAsync(tg.Api.SharesContact(Sri, Sri, "6281311110001"), TelegramHarness.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tg.PostWebhookAsync(tg.Api.Says(Sri, "/mulai"), TelegramHarness.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tg.PostWebhookAsync(tg.Api.Says(7399, "/start"), TelegramHarness.WebhookSecret)).StatusCode);

        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null || m.SetAsideAt != null)), "every stored update applied or set aside");
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        var setAside = Assert.Single(await tg.Bot.QueryAsync(db => db.Inbox.Where(m => m.SetAsideAt != null).ToListAsync()));
        Assert.Equal(System.Text.Json.JsonDocument.Parse(odd).RootElement.GetProperty("update_id").GetInt64().ToString(), setAside.PlatformId);
        Assert.Equal(3, setAside.Attempts);
        Assert.False(string.IsNullOrEmpty(setAside.LastError));
        Assert.Null(setAside.ProcessedAt);
        var replies = tg.Api.MessagesTo(Sri);
        Assert.StartsWith(TelegramTexts.ContactLinked, replies[0].Text);
        Assert.StartsWith("Mulai mencatat", replies[1].Text);
        Assert.Equal(TelegramTexts.ShareContactPrompt, Assert.Single(tg.Api.MessagesTo(7399)).Text);
    }

    [Theory]
    [InlineData("""{"update_id":101,"message":{"message_id":1,"date":0}}""")]
    [InlineData("""{"update_id":102,"callback_query":{"id":"cq-odd","chat_instance":"1","data":"a|x"}}""")]
    public async Task AnOddPolledUpdateIsSetAsideAndPollingGoesOn(string odd)
    {
        await using var tg = await TelegramHarness.StartAsync(settings: QuickRetries);
        var id = tg.Api.Deliver(System.Text.Json.Nodes.JsonNode.Parse(odd)!.AsObject());

        var replies = await tg.SendAsync(Sri, tg.Api.Says(Sri, "/start"));

        Assert.Equal(TelegramTexts.ShareContactPrompt, Assert.Single(replies).Text);
        await tg.WaitUntilAppliedAsync(id);
        var row = await tg.Bot.QueryAsync(db => db.Inbox.SingleAsync(m => m.PlatformId == id.ToString()));
        Assert.NotNull(row.SetAsideAt);
        Assert.Equal(3, row.Attempts);
    }

    [Fact]
    public async Task InboxRowsStoredBeforeTheUpgradeAreStillApplied()
    {
        using var folder = new TempFolder();
        await using (var old = await BotFixture.StartAsync(folder: folder))
        {
            // The schema as it was before inbox rows had tries, errors and chats; an update stored then and not yet applied.
            await old.QueryAsync(async db =>
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261129122152_Reporting");
                var update = $$$"""{"update_id":4242,"message":{"message_id":9,"date":1764489600,"chat":{"id":{{{Sri}}},"type":"private","first_name":"Sri"},"from":{"id":{{{Sri}}},"is_bot":false,"first_name":"Sri"},"text":"/start"}}""";
                var payload = new PK.Bot.Security.DataProtector(Convert.FromBase64String(BotFixture.DataKey)).Protect(update);
                return await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO inbox_messages (Channel, PlatformId, RawPayload, ReceivedAt, ProcessedAt) VALUES ('telegram', '4242', {payload}, '2026-11-30T08:00:00.0000000Z', NULL)");
            });
        }

        await using var tg = await TelegramHarness.StartAsync(webhook: true, folder: folder);

        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)), "the old row applied");
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();
        Assert.Equal(TelegramTexts.ShareContactPrompt, Assert.Single(tg.Api.MessagesTo(Sri)).Text);
        Assert.Equal(Sri.ToString(), (await tg.Bot.QueryAsync(db => db.Inbox.SingleAsync())).ChatId);
    }
}
