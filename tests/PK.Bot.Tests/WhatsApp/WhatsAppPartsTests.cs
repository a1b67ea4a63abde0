using System.Text;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Channels;
using PK.Bot.Channels.WhatsApp;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.WhatsApp;

/// <summary>The small parts: the signature check, the token bucket, text splitting, webhook parsing.</summary>
public sealed class WhatsAppPartsTests
{
    private const string Secret = "app-secret";

    [Fact]
    public void ASignatureOverTheRawBodyIsAcceptedAndAnyChangeIsNot()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\",\"entry\":[]}");
        var signature = WebhookSignature.Sign(body, Secret);

        Assert.True(WebhookSignature.IsValid(body, signature, Secret));
        Assert.True(WebhookSignature.IsValid(body, signature.ToUpperInvariant().Replace("SHA256=", "sha256="), Secret));
        var changed = (byte[])body.Clone();
        changed[^2] = (byte)' ';
        Assert.False(WebhookSignature.IsValid(changed, signature, Secret));
        Assert.False(WebhookSignature.IsValid(body, signature, "another-secret"));
        Assert.False(WebhookSignature.IsValid(body, signature[7..], Secret));
        Assert.False(WebhookSignature.IsValid(body, signature[..^2], Secret));
        Assert.False(WebhookSignature.IsValid(body, null, Secret));
    }

    [Fact]
    public async Task TheTokenBucketLetsABurstThroughThenPacesByTheClock()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 2, burst: 3, clock);

        for (var i = 0; i < 3; i++) Assert.True(bucket.WaitAsync(CancellationToken.None).IsCompleted);
        var fourth = bucket.WaitAsync(CancellationToken.None).AsTask();
        var fifth = bucket.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(fourth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        await fourth;
        Assert.False(fifth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await fifth;
    }

    [Fact]
    public void APausedBucketHoldsEveryoneBackForThePause()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 80, burst: 80, clock);

        bucket.Pause(TimeSpan.FromSeconds(2));

        Assert.InRange(bucket.Reserve(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.02));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
    }

    [Fact]
    public void TextIsSplitAtLinesAndAnOverLongLineAtASpace()
    {
        var chunks = TextChunks.Split("satu dua\ntiga empat lima enam tujuh\ndelapan", 12);
        Assert.All(chunks, c => Assert.True(c.Length <= 12, c));
        Assert.Equal(["satu dua", "tiga empat", "lima enam", "tujuh", "delapan"], chunks.SelectMany(c => c.Split('\n')));
        Assert.Equal(["abcdefghij", "klm"], TextChunks.Split("abcdefghijklm", 10));
    }

    [Fact]
    public void AWebhookIsReadIntoMessagesAndStatusesOfThisNumberOnly()
    {
        var json = """
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
          {"field":"messages","value":{"metadata":{"phone_number_id":"111"},
            "messages":[{"from":"6281311110001","id":"wamid.A","timestamp":"1700000000","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"a|x|q|3","title":"T"}}}],
            "statuses":[{"id":"wamid.B","status":"delivered","timestamp":"1700000001","recipient_id":"6281311110001"}]}},
          {"field":"messages","value":{"metadata":{"phone_number_id":"999"},
            "messages":[{"from":"6281311110002","id":"wamid.C","timestamp":"1700000000","type":"text","text":{"body":"x"}}]}}]}]}
        """;

        var items = WebhookPayload.Parse(Encoding.UTF8.GetBytes(json), "111");

        Assert.Equal(["wamid.A", "status:wamid.B:delivered"], items.Select(i => i.PlatformId));
        using var stored = System.Text.Json.JsonDocument.Parse(items[0].Json);
        var inbound = WebhookPayload.ToInbound(stored.RootElement.GetProperty("message"))!;
        Assert.Equal(new Inbound(InboundKind.Option, "a|x|q|3", DateTimeOffset.FromUnixTimeSeconds(1700000000)), inbound);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("sticker")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("document")]
    [InlineData("location")]
    public void MediaAndLocationsAreUnsupported(string type)
    {
        using var json = System.Text.Json.JsonDocument.Parse($$$"""{"from":"1","id":"w","timestamp":"1","type":"{{{type}}}","{{{type}}}":{ }}""");
        Assert.Equal(InboundKind.Unsupported, WebhookPayload.ToInbound(json.RootElement)!.Kind);
    }
}
