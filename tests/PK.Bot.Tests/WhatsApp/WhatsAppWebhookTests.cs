using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.WhatsApp;

/// <summary>Signed webhook posts into the running host, over real HTTP, with the Graph API faked on loopback.</summary>
public sealed class WhatsAppWebhookTests
{
    private const string Kader = "6281311110001";

    [Fact]
    public async Task TheVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken()
    {
        await using var wa = await WhatsAppBot.StartAsync();

        using var ok = await wa.Http.GetAsync($"{WhatsAppWebhook.Path}?hub.mode=subscribe&hub.verify_token={WhatsAppBot.VerifyToken}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        using var wrongToken = await wa.Http.GetAsync($"{WhatsAppWebhook.Path}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        using var wrongMode = await wa.Http.GetAsync($"{WhatsAppWebhook.Path}?hub.mode=unsubscribe&hub.verify_token={WhatsAppBot.VerifyToken}&hub.challenge=1");
        using var nothing = await wa.Http.GetAsync(WhatsAppWebhook.Path);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongMode.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nothing.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=not-hex")]
    [InlineData("other-secret")]
    public async Task APostWithAMissingOrWrongSignatureIsRefusedAndNothingIsStored(string? signature)
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var json = Webhooks.Envelope(Webhooks.Text(Kader, wa.NewWamid(), "/mulai", Webhooks.Now()));
        if (signature == "other-secret") signature = WebhookSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), "not-the-app-secret");

        using var response = await wa.PostAsync(json, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.Inbox.CountAsync()));
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.Set<WhatsAppContact>().CountAsync()));
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
        Assert.Empty(wa.Graph.Sent);
    }

    [Fact]
    public async Task TheSameMessageDeliveredTwiceIsAppliedOnce()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var message = Webhooks.Text(Kader, wa.NewWamid(), "/mulai", Webhooks.Now());

        await wa.DeliverAsync(Webhooks.Envelope(message));
        await wa.WaitUntilAppliedAsync((string)message["id"]!);
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();
        var replies = wa.Graph.SentTo(Kader).Count;
        // Meta retries a delivery it thinks failed, sometimes inside a larger batch.
        await wa.DeliverAsync(Webhooks.Envelope(message));
        await wa.DeliverAsync(Webhooks.Batch([[message, Webhooks.Text(Kader, wa.NewWamid(), "Jl. Melati 5", Webhooks.Now(1))]]));
        await wa.WaitUntilAppliedAsync("wamid.in.2");
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        Assert.Equal(2, await wa.Bot.QueryAsync(db => db.Inbox.CountAsync()));
        Assert.Equal(2, await wa.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
        Assert.Equal(1, await wa.Bot.QueryAsync(db => db.Interviews.CountAsync()));
        Assert.Equal(replies + 1, wa.Graph.SentTo(Kader).Count);
    }

    [Fact]
    public async Task ABatchOfMessagesOutOfOrderInOnePostIsAppliedInTimestampOrder()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var t = Webhooks.Now();
        var burst = new[] { "/mulai", "Jl. Melati 5", "/lewati", "3" }
            .Select((text, i) => Webhooks.Text(Kader, $"wamid.burst.{i}", text, t + i)).ToArray();

        // Several entries and changes, none in the order the kader typed.
        await wa.DeliverAsync(Webhooks.Batch([[burst[2]], [burst[3], burst[0]], [burst[1]]]));
        await wa.WaitUntilAppliedAsync([.. burst.Select(m => (string)m["id"]!)]);
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        var applied = await wa.Bot.QueryAsync(db => db.ProcessedMessages.OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync());
        Assert.Equal(["wamid.burst.0", "wamid.burst.1", "wamid.burst.2", "wamid.burst.3"], applied);
        Assert.Contains("K.3 RW/Dusun: 3", wa.Graph.SentTo(Kader).Last().Text);
    }

    [Fact]
    public async Task ANumberNotOnTheRosterGetsAPoliteRefusalAndNoLink()
    {
        await using var wa = await WhatsAppBot.StartAsync();

        var replies = await wa.SayAsync("6281399990000", "/mulai");

        Assert.Contains("belum terdaftar", Assert.Single(replies).Text);
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.ChatLinks.CountAsync()));
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.ChatStates.CountAsync()));
    }

    [Fact]
    public async Task APhotoGetsTheShortExplanation()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        await wa.SayAsync(Kader, "/mulai");
        var wamid = wa.NewWamid();
        var before = wa.Graph.SentTo(Kader).Count;

        await wa.DeliverAsync(Webhooks.Envelope(Webhooks.Image(Kader, wamid, Webhooks.Now())));
        await wa.WaitUntilAppliedAsync(wamid);
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        var reply = wa.Graph.SentTo(Kader).Skip(before).Single();
        Assert.Contains(PK.Domain.Texts.Unsupported, reply.Text);
        // The question it interrupted is still the one being asked.
        Assert.Contains("K.1 Alamat rumah: Jl. Melati 5", (await wa.SayAsync(Kader, "Jl. Melati 5"))[0].Text);
    }

    [Fact]
    public async Task DeliveryStatusesAreRecordedAndAFailedReplyIsSentAgainThenLeftForTheOperator()
    {
        await using var wa = await WhatsAppBot.StartAsync(new Dictionary<string, string> { ["WhatsApp:MaxResends"] = "1" });
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var first = Assert.Single(await wa.SayAsync(Kader, "/mulai"));

        await wa.DeliverAsync(Webhooks.Statuses(
            Webhooks.Status(first.Wamid, "read", Kader, Webhooks.Now(2)),
            Webhooks.Status(first.Wamid, "sent", Kader, Webhooks.Now()),
            Webhooks.Status(first.Wamid, "delivered", Kader, Webhooks.Now(1))));
        await WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Set<WhatsAppDelivery>().AnyAsync(d => d.Wamid == first.Wamid && d.Status == DeliveryStatus.Read)));

        var reply = Assert.Single(await wa.SayAsync(Kader, "Jl. Melati 5"));
        await wa.DeliverAsync(Webhooks.Statuses(Webhooks.Status(reply.Wamid, "failed", Kader, Webhooks.Now(), errorCode: 131026)));
        var again = (await wa.Graph.WaitForAsync(Kader, 3))[2];
        Assert.Equal(reply.Text, again.Text);
        Assert.NotEqual(reply.Wamid, again.Wamid);

        // A second failure of the same reply is more than MaxResends allows: it is reported, not re-sent.
        await wa.DeliverAsync(Webhooks.Statuses(Webhooks.Status(again.Wamid, "failed", Kader, Webhooks.Now(), errorCode: 131026)));
        await WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.LastError != null && m.LastError.Contains("not re-sent"))));
        // The chat's next reply goes out after anything queued before it: had the failed one been queued again, it would come first.
        var next = Assert.Single(await wa.SayAsync(Kader, "/lewati"));
        Assert.NotEqual(reply.Text, next.Text);
        Assert.Equal(4, wa.Graph.SentTo(Kader).Count);
        Assert.Equal(2, wa.Graph.SentTo(Kader).Count(m => m.Text == reply.Text));
        Assert.Equal(2, await wa.Bot.QueryAsync(db => db.Set<WhatsAppDelivery>().CountAsync(d => d.Status == DeliveryStatus.Failed)));
    }

    private const string Other = "6281311110002";
    private static readonly Dictionary<string, string> QuickRetries = new() { ["Inbox:RetryDelay"] = "00:00:00.010", ["Inbox:MaxAttempts"] = "3" };

    [Fact]
    public async Task AFailedStatusWithOddErrorsDoesNotStopTheChannel()
    {
        await using var wa = await WhatsAppBot.StartAsync(QuickRetries);
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        await wa.AddRosterPersonAsync("Budi Santoso", Other);
        var first = Assert.Single(await wa.SayAsync(Kader, "/mulai"));

        // As probed: correctly signed, a failure whose errors are not objects.
        await wa.DeliverAsync(Webhooks.Statuses(new System.Text.Json.Nodes.JsonObject { ["id"] = first.Wamid, ["status"] = "failed", ["errors"] = new System.Text.Json.Nodes.JsonArray(1) }));
        var other = await wa.SayAsync(Other, "/mulai");

        Assert.StartsWith("Mulai mencatat", Assert.Single(other).Text);
        await WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)));
        // The failure itself was understood: the reply goes out again.
        var again = (await wa.Graph.WaitForAsync(Kader, 2))[1];
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(DeliveryStatus.Failed, await wa.Bot.QueryAsync(db => db.Set<WhatsAppDelivery>().Where(d => d.Wamid == first.Wamid).Select(d => d.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("array", 400)]
    [InlineData("entry of numbers", 400)]
    [InlineData("metadata a string", 400)]
    [InlineData("phone_number_id a number", 400)]
    [InlineData("messages of numbers", 400)]
    [InlineData("not JSON", 400)]
    [InlineData("nested 10,000 levels", 400)]
    [InlineData("5 MB", 413)]
    public async Task AnOddButSignedBodyIsRefusedWithoutAStackTraceAndNothingIsStored(string shape, int status)
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var body = shape switch
        {
            "array" => "[1,2]",
            "entry of numbers" => """{"entry":[1]}""",
            "metadata a string" => """{"entry":[{"changes":[{"value":{"metadata":"x","messages":[]}}]}]}""",
            "phone_number_id a number" => """{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":123},"messages":[]}}]}]}""",
            "messages of numbers" => """{"entry":[{"changes":[{"value":{"messages":[1]}}]}]}""",
            "not JSON" => """{"entry":""",
            "nested 10,000 levels" => new string('[', 10_000) + new string(']', 10_000),
            _ => "{\"entry\":[],\"pad\":\"" + new string(' ', 5 * 1024 * 1024) + "\"}",
        };

        using var response = await wa.PostAsync(body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.Inbox.CountAsync()));
    }

    [Fact]
    public async Task AStrangerIsAnsweredOnceAnHourAndTheirFloodLeavesNoRows()
    {
        const string stranger = "6281399990000";
        const string burst = "6281399990001";
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var gate = wa.Bot.App.Services.GetRequiredService<PK.Bot.Turns.StrangerGate>();

        Assert.Contains("belum terdaftar", Assert.Single(await wa.SayAsync(stranger, "halo")).Text);
        for (var i = 0; i < 99; i++)
            await wa.DeliverAsync(Webhooks.Envelope(Webhooks.Text(stranger, wa.NewWamid(), $"halo {i}", Webhooks.Now())));
        // A burst that arrives before its first message is refused: stored, then nothing kept but the first.
        var t = Webhooks.Now();
        await wa.DeliverAsync(Webhooks.Envelope([.. Enumerable.Range(0, 10).Select(i => Webhooks.Text(burst, $"wamid.burst.{i}", $"halo {i}", t + i))]));
        var kader = await wa.SayAsync(Kader, "/mulai");

        Assert.StartsWith("Mulai mencatat", Assert.Single(kader).Text);
        await WaitForAsync(wa, () => Task.FromResult(gate.Messages == 110));
        await WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)));
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();
        foreach (var number in new[] { stranger, burst })
        {
            Assert.Single(wa.Graph.SentTo(number));
            Assert.Equal(1, await wa.Bot.QueryAsync(db => db.Inbox.CountAsync(m => m.ChatId == number)));
            Assert.Equal(1, await wa.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync(m => m.ChatId == number)));
            Assert.Equal(1, await wa.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.ChatId == number)));
        }
        Assert.Equal(108, gate.Ignored);
        Assert.Equal(0, await wa.Bot.QueryAsync(db => db.ChatLinks.CountAsync(l => l.ChatId == stranger || l.ChatId == burst)));
    }

    internal static async Task WaitForAsync(WhatsAppBot wa, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true.");
            await Task.Delay(10);
        }
    }
}
