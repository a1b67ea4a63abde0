using PK.Bot.Channels;
using PK.Bot.Channels.Telegram;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Tests.Support;
using PK.Domain.Conversations;

namespace PK.Bot.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task RepliesWaitInOrderWhileThePlatformIsDownAndAllArriveOnceItRecovers()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        bot.Sender.FailNext(5);
        var script = Script.Family().Take(6).ToList();

        for (var i = 0; i < script.Count; i++)
            await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{i}", script[i]));

        var replies = await bot.Sender.WaitForAsync("c1", script.Count);
        Assert.StartsWith("Mulai mencatat", replies[0]);
        Assert.Contains("Jl. Melati 5", replies[1]);
        Assert.Equal([1, 2, 3, 4, 5, 6], bot.Sender.SequencesTo("c1"));
        Assert.Equal(11, bot.Sender.Attempts);
        // A row is marked sent just after the platform took it: wait for the last mark, not only the last arrival.
        await Eventually.HoldsAsync(() => bot.QueryAsync(db => db.Outbox.AllAsync(m => m.SentAt != null)), "every reply marked sent", 60);
        var outbox = await bot.QueryAsync(db => db.Outbox.OrderBy(m => m.Sequence).ToListAsync());
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
        Assert.Equal(6, outbox[0].Attempts);
        Assert.Null(outbox[0].LastError);
    }

    [Fact]
    public void PayloadsRoundTripAndTheFormsOlderVersionsLeftInTheOutboxStillRead()
    {
        var reply = new Reply("Pilih:", [new ReplyOption("a|1|k|2", "Tidak", "2")], ReplyKind.Question);
        var payload = new OutboxPayload(reply, new OutboxAttachment(AttachmentKind.Photo, "/data/c.png", "c.png", "image/png"), new TelegramExtras(ReplyKeyboard.Remove, 41));
        var again = OutboxPayload.Parse(payload.Serialize());
        Assert.Equal(payload.Reply.Text, again.Reply.Text);
        Assert.Equal(payload.Reply.Options, again.Reply.Options);
        Assert.Equal(ReplyKind.Question, again.Reply.Kind);
        Assert.Equal(payload.Attachment, again.Attachment);
        Assert.Equal(payload.Telegram, again.Telegram);
        Assert.Null(again.Template);

        // A chart queued by an older version: the reply at the top, the attachment beside it with its kind as a number.
        var chart = OutboxPayload.Parse("""{"text":"Grafik","options":[],"questionKey":null,"progress":null,"commands":[],"attachment":{"kind":0,"path":"/data/c.png","fileName":"c.png","contentType":"image/png"}}""");
        Assert.Equal("Grafik", chart.Reply.Text);
        Assert.Equal(new OutboxAttachment(AttachmentKind.Photo, "/data/c.png", "c.png", "image/png"), chart.Attachment);
        Assert.Null(chart.Telegram);

        var edit = OutboxPayload.Parse("""{"text":"Soal\n\n✅ Ya","options":[],"questionKey":null,"progress":null,"commands":[],"telegram":{"keyboard":"None","editMessageId":7}}""");
        Assert.Equal(7, edit.Telegram!.EditMessageId);
        Assert.Equal("Soal\n\n✅ Ya", edit.Reply.Text);

        var notice = OutboxPayload.Parse("""{"whatsAppTemplate":{"kind":"DailyReport","parameters":["Kec. Jatipuro","12"]}}""");
        Assert.Equal(TemplateKind.DailyReport, notice.Template!.Kind);
        Assert.Equal(["Kec. Jatipuro", "12"], notice.Template.Parameters);
        Assert.Equal(TemplateKind.Reminder, OutboxPayload.Parse(OutboxPayload.Notice(new TemplateNotice(TemplateKind.Reminder, ["x"])).Serialize()).Template!.Kind);
    }
}
