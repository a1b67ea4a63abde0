using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Tests.Support;
using PK.Domain.Conversations;
using PK.Domain.People;

namespace PK.Bot.Tests.WhatsApp;

/// <summary>WhatsApp's 24-hour window: free-form only after the person wrote; templates otherwise; queued replies follow their next message.</summary>
public sealed class WhatsAppWindowTests
{
    private const string Koordinator = "6281322220001";
    private const string Kader = "6281311110001";
    private static readonly string[] ReportParameters = ["Kec. Jatipuro", "29 November 2026", "12 dari 40\nkeluarga"];

    private static Reply Report => Reply.Plain("Laporan harian Kec. Jatipuro, 29 November 2026\nKeluarga tercatat: 12 dari 40 (30%)\nNgepungsari: 7 · Jatipuro: 5");

    [Fact]
    public async Task AReportToAKoordinatorOutsideTheWindowGoesAsATemplateAndTheFullReportFollowsTheirReply()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var koordinator = await wa.AddRosterPersonAsync("Bambang", Koordinator, Role.Koordinator, "33.13.01");
        // They last wrote 25 hours ago.
        await wa.Bot.QueryAsync(db =>
        {
            db.Add(new WhatsAppContact { WaId = Koordinator, LastInboundAt = DateTimeOffset.UtcNow.AddHours(-25) });
            return db.SaveChangesAsync();
        });

        Assert.True(await Templates(wa).QueueDailyReportAsync(koordinator.Id, Report, ReportParameters));

        var template = Assert.Single(await wa.Graph.WaitForAsync(Koordinator, 1));
        Assert.Equal("template", template.Type);
        Assert.Equal(WhatsAppBot.DailyReportTemplate, (string)template.Payload["template"]!["name"]!);
        Assert.Equal("id", (string)template.Payload["template"]!["language"]!["code"]!);
        Assert.Equal("[template laporan_harian] Kec. Jatipuro | 29 November 2026 | 12 dari 40 keluarga", template.Text);
        // The full report was tried and held back (the window is closed), not sent.
        await WhatsAppWebhookTests.WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.ChatId == Koordinator && m.Sequence == 2 && m.Attempts > 0 && m.NextAttemptAt != null)));
        Assert.Single(wa.Graph.SentTo(Koordinator));
        Assert.Equal(1, await wa.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.ChatId == Koordinator && m.SentAt == null)));

        // Tapping the template's quick reply opens the window: the full report goes first, then the answer to the tap.
        var wamid = wa.NewWamid();
        await wa.DeliverAsync(Webhooks.Envelope(Webhooks.TemplateButton(Koordinator, wamid, "Lihat laporan", Webhooks.Now())));
        await wa.WaitUntilAppliedAsync(wamid);
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();
        var sent = wa.Graph.SentTo(Koordinator);
        Assert.Equal(3, sent.Count);
        Assert.Equal(Report.Text, sent[1].Text);
        Assert.Equal("text", sent[1].Type);
    }

    [Fact]
    public async Task AReportInsideTheWindowGoesAsTextWithoutATemplate()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var koordinator = await wa.AddRosterPersonAsync("Bambang", Koordinator, Role.Koordinator, "33.13.01");
        await wa.SayAsync(Koordinator, "/progres");
        var before = wa.Graph.SentTo(Koordinator).Count;

        Assert.True(await Templates(wa).QueueDailyReportAsync(koordinator.Id, Report, ReportParameters));
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        var sent = wa.Graph.SentTo(Koordinator).Skip(before).ToList();
        Assert.Equal(Report.Text, Assert.Single(sent).Text);
    }

    [Fact]
    public async Task AReminderToAKaderWhoNeverWroteGoesAsTheReminderTemplate()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var kader = await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);

        Assert.True(await Templates(wa).QueueReminderAsync(kader.Id, Reply.Plain("Ada 1 keluarga yang belum selesai. Ketik /lanjut."), ["Sri Wahyuni", "1"]));

        var template = Assert.Single(await wa.Graph.WaitForAsync(Kader, 1));
        Assert.Equal(WhatsAppBot.ReminderTemplate, (string)template.Payload["template"]!["name"]!);
    }

    [Fact]
    public async Task WhenWhatsAppSaysTheWindowIsClosedTheReplyWaitsUntilThePersonWritesAgain()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        await wa.SayAsync(Kader, "/mulai");
        wa.Graph.Inject(GraphFault.WindowClosed);

        var wamid = wa.NewWamid();
        await wa.DeliverAsync(Webhooks.Envelope(Webhooks.Text(Kader, wamid, "Jl. Melati 5", Webhooks.Now())));
        await WhatsAppWebhookTests.WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Set<WhatsAppContact>().AnyAsync(c => c.WindowClosedAt != null)));
        // The refused reply is recorded as waiting for a later attempt: the sender has passed it without a resend.
        await WhatsAppWebhookTests.WaitForAsync(wa, () => wa.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null && m.Attempts > 0 && m.NextAttemptAt != null)));
        Assert.Single(wa.Graph.SentTo(Kader));
        Assert.Equal(1, await wa.Bot.QueryAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));

        var replies = await wa.SayAsync(Kader, "/lewati");
        Assert.Equal(2, replies.Count);
        Assert.Contains("K.1 Alamat rumah: Jl. Melati 5", replies[0].Text);
        Assert.Contains("K.2 No. telepon/HP keluarga: (dilewati)", replies[1].Text);
    }

    private static WhatsAppTemplates Templates(WhatsAppBot wa) => wa.Bot.App.Services.GetRequiredService<WhatsAppTemplates>();
}
