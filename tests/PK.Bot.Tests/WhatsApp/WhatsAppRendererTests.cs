using PK.Bot.Channels.WhatsApp;
using PK.Domain;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.WhatsApp;

public sealed class WhatsAppRendererTests
{
    private const string To = "6281311110001";

    private static Reply Question(string text, params string[] labels) =>
        new(text, labels.Select((l, i) => new ReplyOption($"a|abc|q#1|{i + 1}", l, (i + 1).ToString())).ToList(), ReplyKind.Question);

    [Fact]
    public void AReplyWithoutOptionsIsOneTextMessage()
    {
        var message = Assert.Single(WhatsAppRenderer.Render(Reply.Plain("Halo"), To));
        Assert.Equal("text", message.Type);
        Assert.Equal("Halo", message.Text!.Body);
    }

    [Fact]
    public void UpToThreeOptionsAreReplyButtonsCarryingTheTokens()
    {
        var message = Assert.Single(WhatsAppRenderer.Render(Question("1.3 Jenis kelamin?", "Laki-laki", "Perempuan"), To));
        Assert.Equal("button", message.Interactive!.Type);
        Assert.Equal(["Laki-laki", "Perempuan"], message.Interactive.Action.Buttons!.Select(b => b.Reply.Title));
        Assert.Equal(["a|abc|q#1|1", "a|abc|q#1|2"], message.Interactive.Action.Buttons!.Select(b => b.Reply.Id));
        Assert.Equal("1.3 Jenis kelamin?", message.Interactive.Body.Text);
    }

    [Fact]
    public void ALongButtonLabelIsShortenedAndKeptWholeInTheBody()
    {
        var reply = Question("II.3c Ingin punya anak lagi?", "Ya, segera (≤ 2 th)", "Ya, nanti (> 2 th)", "Tidak ingin anak lagi");
        var message = Assert.Single(WhatsAppRenderer.Render(reply, To));
        var titles = message.Interactive!.Action.Buttons!.Select(b => b.Reply.Title).ToList();
        Assert.Equal("Tidak ingin anak la…", titles[2]);
        Assert.All(titles, t => Assert.True(t.Length <= WhatsAppLimits.ButtonTitle));
        Assert.Contains("3. Tidak ingin anak lagi", message.Interactive.Body.Text);
    }

    [Fact]
    public void LabelsThatShortenAlikeAreNumberedToStayUnique()
    {
        var reply = Question("Pilih?", "Sumur terlindung di dalam rumah", "Sumur terlindung di luar rumah");
        var titles = Assert.Single(WhatsAppRenderer.Render(reply, To)).Interactive!.Action.Buttons!.Select(b => b.Reply.Title).ToList();
        Assert.Equal(2, titles.Distinct().Count());
        Assert.StartsWith("1. ", titles[0]);
        Assert.StartsWith("2. ", titles[1]);
    }

    [Fact]
    public void FourToTenOptionsAreAListWhoseShortenedRowsKeepTheLabelInTheDescription()
    {
        var reply = Question("1.15 JKN?", "BPJS-PBI/Jamkesmas/Jamkesda", "BPJS-Non PBI", "Swasta", "Tidak Memiliki");
        var message = Assert.Single(WhatsAppRenderer.Render(reply, To));
        Assert.Equal("list", message.Interactive!.Type);
        Assert.Equal(WhatsAppTexts.ListButton, message.Interactive.Action.Button);
        var rows = message.Interactive.Action.Sections!.Single().Rows;
        Assert.Equal(4, rows.Count);
        Assert.Equal("BPJS-PBI/Jamkesmas/Jamk…", rows[0].Title);
        Assert.Equal("BPJS-PBI/Jamkesmas/Jamkesda", rows[0].Description);
        Assert.Null(rows[1].Description);
        Assert.Equal("1.15 JKN?", message.Interactive.Body.Text);
    }

    [Fact]
    public void MoreThanTenOptionsAreNumberedLinesToType()
    {
        var reply = Question("Desa?", [.. Enumerable.Range(1, 12).Select(i => $"Desa {i}")]);
        var message = Assert.Single(WhatsAppRenderer.Render(reply, To));
        Assert.Equal("text", message.Type);
        Assert.Contains("\n12. Desa 12\n", message.Text!.Body);
        Assert.EndsWith(WhatsAppTexts.TypeNumber, message.Text.Body);
    }

    [Fact]
    public void AVeryLongTextIsSplitAtLineBoundaries()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"✓ {i}.5 Pertanyaan nomor {i}: jawaban").ToList();
        var messages = WhatsAppRenderer.Render(Reply.Plain(string.Join("\n", lines)), To);
        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Text!.Body.Length <= WhatsAppLimits.TextBody));
        Assert.Equal(lines, messages.SelectMany(m => m.Text!.Body.Split('\n')));
    }

    [Fact]
    public void AQuestionAfterALongEchoKeepsItsButtonsAndTheEchoGoesFirstAsText()
    {
        var echo = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"✓ III.{i} Sesuatu yang sudah dijawab: Ya"));
        var messages = WhatsAppRenderer.Render(Question(echo + "\nIII.29 Pernah mendapat informasi?", "Ya", "Tidak"), To);
        Assert.Equal("text", messages[0].Type);
        var last = messages[^1];
        Assert.Equal("button", last.Interactive!.Type);
        Assert.EndsWith("III.29 Pernah mendapat informasi?", last.Interactive.Body.Text);
        Assert.True(last.Interactive.Body.Text.Length <= WhatsAppLimits.InteractiveBody);
    }

    /// <summary>Whatever the domain draws — odd lengths, empty labels, duplicates, any count — every message stays within limits.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryDrawnMessageIsWithinWhatsAppsLimits(int seed)
    {
        var random = new Random(seed);
        string Words(int max) => string.Join(random.Next(8) == 0 ? "\n" : " ", Enumerable.Range(0, random.Next(max)).Select(_ => new string('a', random.Next(1, 30))));
        for (var n = 0; n < 300; n++)
        {
            var labels = Enumerable.Range(0, random.Next(0, 16)).Select(_ => random.Next(6) == 0 ? "Sama" : Words(12)).ToArray();
            var text = Words(random.Next(2) == 0 ? 20 : 900);
            if (text.Length == 0) text = "?";
            var messages = WhatsAppRenderer.Render(Question(text, labels), To);
            Assert.All(messages, m => Assert.Empty(WhatsAppLimits.Check(m)));
        }
    }
}
