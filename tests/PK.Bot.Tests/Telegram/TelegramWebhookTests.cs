using System.Net;
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
        Assert.Equal(["/mulai", "/lanjut", "/kembali", "/lewati", "/ringkasan", "/ubah", "/kirim", "/jeda", "/batal", "/koreksi", "/progres", "/bantuan"], commands);
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
}
