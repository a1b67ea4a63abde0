using PK.Bot.Channels.WhatsApp;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;
using PK.Domain;
using PK.Domain.People;

namespace PK.Bot.Tests.WhatsApp;

/// <summary>Charts and workbooks reach a koordinator on WhatsApp: uploaded to /media, then sent by media id as an image or a document.</summary>
public sealed class WhatsAppAttachmentTests
{
    private const string Koordinator = "6281322220001";

    [Fact]
    public async Task TheDailyChartArrivesAsAnUploadedPngImageAfterItsReport()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var koordinator = await wa.AddRosterPersonAsync("Bambang", Koordinator, Role.Koordinator, "33.13.01");
        await wa.SayAsync(Koordinator, "/progres");
        var before = wa.Graph.SentTo(Koordinator).Count;

        await Attachments.QueueDailyReportAsync(wa.Bot, koordinator, new ChatKey(WhatsAppChannel.Name, Koordinator));
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();

        var sent = wa.Graph.SentTo(Koordinator).Skip(before).ToList();
        Assert.Equal(["text", "image"], sent.Select(m => m.Type));
        Assert.StartsWith("LAPORAN HARIAN PK — Kecamatan Jatipuro", sent[0].Text);
        Assert.Equal(Texts.ReportChartCaption, sent[1].Text);
        var upload = wa.Graph.Upload(sent[1].MediaId!);
        Assert.Equal("image/png", upload.Type);
        Assert.True(Attachments.IsPng(upload.Bytes));
        Assert.DoesNotContain(sent, m => m.Text.Contains("tidak dapat menampilkan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnduhFromAWhatsAppKoordinatorArrivesAsAnXlsxDocument()
    {
        await using var wa = await WhatsAppBot.StartAsync(new Dictionary<string, string> { ["Reports:ExportCheckEvery"] = "00:00:00.050" });
        await wa.AddRosterPersonAsync("Bambang", Koordinator, Role.Koordinator, "33.13.01");

        var before = wa.Graph.SentTo(Koordinator).Count;
        var ack = await wa.SayAsync(Koordinator, "/unduh");
        // The document may already be among the exchange's replies when the export is quick: count from before the command.
        var sent = await wa.Graph.WaitForAsync(Koordinator, before + 2, TimeSpan.FromSeconds(90));

        Assert.Contains(ack, m => m.Text == Texts.ExportQueued);
        var document = sent[^1];
        Assert.Equal("document", document.Type);
        Assert.EndsWith(".xlsx", document.FileName);
        Assert.Contains("Kecamatan Jatipuro", document.Text);
        var upload = wa.Graph.Upload(document.MediaId!);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", upload.Type);
        Assert.Equal(document.FileName, upload.FileName);
        Assert.Contains("xl/workbook.xml", Attachments.ZipEntries(upload.Bytes));
    }

    [Fact]
    public async Task AChartOutsideTheWindowWaitsAndFollowsItsReportInOrderOnceTheyWrite()
    {
        await using var wa = await WhatsAppBot.StartAsync(new Dictionary<string, string> { ["WhatsApp:WindowRecheck"] = "00:00:00.200" });
        var koordinator = await wa.AddRosterPersonAsync("Bambang", Koordinator, Role.Koordinator, "33.13.01");
        await wa.Bot.QueryAsync(db =>
        {
            db.Add(new WhatsAppContact { WaId = Koordinator, LastInboundAt = DateTimeOffset.UtcNow.AddHours(-25) });
            return db.SaveChangesAsync();
        });

        await Attachments.QueueDailyReportAsync(wa.Bot, koordinator, new ChatKey(WhatsAppChannel.Name, Koordinator));
        await TelegramHarness.WaitAsync(() => wa.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.ChatId == Koordinator && m.LastError != null)), "the report held back");
        Assert.Empty(wa.Graph.Uploads);
        Assert.Empty(wa.Graph.SentTo(Koordinator));

        await wa.SayAsync(Koordinator, "/progres");

        var sent = wa.Graph.SentTo(Koordinator);
        Assert.Equal("text", sent[0].Type);
        Assert.StartsWith("LAPORAN HARIAN PK", sent[0].Text);
        Assert.Equal("image", sent[1].Type);
        Assert.Single(wa.Graph.Uploads);
        Assert.True(sent.Count > 2, "the /progres reply comes after the chart");
    }
}
