using PK.Bot.Channels.Telegram;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;
using PK.Domain;
using PK.Domain.People;

namespace PK.Bot.Tests.Telegram;

/// <summary>Charts and workbooks reach a koordinator on Telegram as a photo and a document, through the real Telegram.Bot client.</summary>
public sealed class TelegramAttachmentTests
{
    private const long Koordinator = 7301;

    private static readonly Dictionary<string, string> QuickExports = new() { ["Reports:ExportCheckEvery"] = "00:00:00.050" };

    [Fact]
    public async Task UnduhFromATelegramKoordinatorArrivesAsAnXlsxDocument()
    {
        await using var tg = await TelegramHarness.StartAsync(settings: QuickExports);
        await tg.Bot.AddPersonAsync("Koordinator Jatipuro", "6281300000050", Koordinator.ToString(), TelegramChannel.Name, Role.Koordinator, "33.13.01");

        await tg.SendAsync(Koordinator, tg.Api.Says(Koordinator, "/unduh"));
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.MessagesTo(Koordinator).Any(m => m.Document is not null)), "the workbook sent");

        var messages = tg.Api.MessagesTo(Koordinator);
        Assert.Equal(2, messages.Count);
        Assert.Equal(Texts.ExportQueued, messages[0].Text);
        var document = messages[1].Document!;
        Assert.EndsWith(".xlsx", document.FileName);
        Assert.Contains("Kecamatan Jatipuro", messages[1].Text);
        Assert.Contains("xl/workbook.xml", Attachments.ZipEntries(document.Bytes));
        Assert.Single(tg.Api.Succeeded("sendDocument"));
        Assert.DoesNotContain(tg.Api.Calls, c => c.Method == "sendMessage" && c.Body["text"]?.GetValue<string>().Contains("tidak dapat menampilkan") == true);
    }

    [Fact]
    public async Task TheDailyChartWaitsThroughTelegram5xxAndArrivesOnceAsAPngPhotoAfterItsReport()
    {
        await using var tg = await TelegramHarness.StartAsync();
        var koordinator = await tg.Bot.AddPersonAsync("Koordinator Jatipuro", "6281300000051", Koordinator.ToString(), TelegramChannel.Name, Role.Koordinator, "33.13.01");
        tg.Api.Inject(FaultKind.ServerError, times: 1_000, method: "sendPhoto");

        await Attachments.QueueDailyReportAsync(tg.Bot, koordinator, new ChatKey(TelegramChannel.Name, Koordinator.ToString()));
        await TelegramHarness.WaitAsync(() => Task.FromResult(tg.Api.Calls.Count(c => c.Method == "sendPhoto" && c.Status == 502) >= 2), "two refused photo sends");
        Assert.True(await tg.Bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.ChatId == Koordinator.ToString() && m.SentAt == null && m.LastError != null)));
        Assert.Single(tg.Api.MessagesTo(Koordinator));

        tg.Api.Heal();
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();

        var messages = tg.Api.MessagesTo(Koordinator);
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("LAPORAN HARIAN PK — Kecamatan Jatipuro", messages[0].Text);
        Assert.Equal(Texts.ReportChartCaption, messages[1].Text);
        var photo = Assert.Single(tg.Api.Succeeded("sendPhoto"));
        Assert.True(Attachments.IsPng(photo.Files["photo"].Bytes));
        Assert.Equal(messages[1].PhotoBytes, photo.Files["photo"].Bytes.Length);
    }
}
