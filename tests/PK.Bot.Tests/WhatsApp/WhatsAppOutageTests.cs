using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.WhatsApp;

/// <summary>The Graph API down, slow to accept or throttling: replies wait in the outbox and go exactly once, in order.</summary>
public sealed class WhatsAppOutageTests
{
    private const string Kader = "6281311110001";

    [Fact]
    public async Task TheGraphApiDownAndBackLosesNothingAndDoublesNothing()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        wa.Graph.GoDown(GraphFault.Dropped);

        var t = Webhooks.Now();
        var typed = new[] { "/mulai", "Jl. Melati 5", "/lewati", "3" };
        for (var i = 0; i < typed.Length; i++)
        {
            if (i == 2) wa.Graph.GoDown(GraphFault.ServerError);
            await wa.DeliverAsync(Webhooks.Envelope(Webhooks.Text(Kader, $"wamid.down.{i}", typed[i], t + i)));
        }
        await wa.WaitUntilAppliedAsync([.. typed.Select((_, i) => $"wamid.down.{i}")]);
        await WhatsAppWebhookTests.WaitForAsync(wa, async () => wa.Graph.Calls >= 3);
        Assert.Empty(wa.Graph.Sent);
        Assert.Equal(4, await wa.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));

        wa.Graph.Restore();
        // Every row is marked sent only after the fake took it, so nothing can arrive later: no need to wait and see.
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        var sent = wa.Graph.SentTo(Kader).Select(m => m.Text).ToList();
        Assert.Equal(4, sent.Count);
        Assert.Contains("K.1 Alamat rumah?", sent[0]);
        Assert.Contains("K.1 Alamat rumah: Jl. Melati 5", sent[1]);
        Assert.Contains("K.2 No. telepon/HP keluarga: (dilewati)", sent[2]);
        Assert.Contains("K.3 RW/Dusun: 3", sent[3]);
        Assert.Equal(4, await wa.Bot.QueryAsync(db => db.ProcessedMessages.CountAsync()));
    }

    [Fact]
    public async Task ThrottlingIsWaitedOutAndTheReplyGoesOnce()
    {
        await using var wa = await WhatsAppBot.StartAsync(new Dictionary<string, string> { ["WhatsApp:PerPersonMessagesPerMinute"] = "600" });
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        wa.Graph.Inject(GraphFault.TooManyRequests);
        wa.Graph.Inject(GraphFault.Throughput);
        wa.Graph.Inject(GraphFault.PairRate);

        var replies = await wa.SayAsync(Kader, "/mulai");

        Assert.Contains("K.1 Alamat rumah?", Assert.Single(replies).Text);
        Assert.Equal(4, wa.Graph.Calls);
        var reply = await wa.Bot.QueryAsync(db => db.Outbox.SingleAsync());
        Assert.Equal(4, reply.Attempts);
    }
}
