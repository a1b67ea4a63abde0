using PK.Bot.Channels.WhatsApp;

namespace PK.Bot.Tests.WhatsApp;

public sealed class WhatsAppLimitsTests
{
    private const string To = "6281311110001";

    private static GraphMessage Buttons(params string[] titles) =>
        new(To, "interactive", Interactive: new GraphInteractive("button", new GraphBody("Pilih?"),
            new GraphAction(Buttons: titles.Select((t, i) => new GraphButton(new GraphReply($"id{i}", t))).ToList())));

    private static GraphMessage List(int rows, int titleLength = 10, int descriptionLength = 0, string button = "Pilih jawaban") =>
        new(To, "interactive", Interactive: new GraphInteractive("list", new GraphBody("Pilih?"), new GraphAction(Button: button, Sections:
            [new GraphSection(Enumerable.Range(0, rows).Select(i => new GraphRow($"id{i}", $"{i}".PadRight(titleLength, 'x'), descriptionLength > 0 ? new string('d', descriptionLength) : null)).ToList())])));

    private static GraphMessage Template(string parameter) =>
        new(To, "template", Template: new GraphTemplate("laporan_harian", new GraphLanguage("id"), [new GraphComponent("body", [new GraphParameter(parameter)])]));

    private static readonly Dictionary<string, (GraphMessage Message, bool Acceptable)> Examples = new()
    {
        ["text of 4,096"] = (GraphMessage.OfText(To, new string('a', 4096)), true),
        ["text of 4,097"] = (GraphMessage.OfText(To, new string('a', 4097)), false),
        ["empty text"] = (GraphMessage.OfText(To, "  "), false),
        ["recipient with a plus"] = (GraphMessage.OfText("+" + To, "hi"), false),
        ["three buttons of 20"] = (Buttons(new string('a', 20), new string('b', 20), "c"), true),
        ["a button of 21"] = (Buttons(new string('a', 21)), false),
        ["four buttons"] = (Buttons("a", "b", "c", "d"), false),
        ["buttons alike"] = (Buttons("Ya", "ya"), false),
        ["an empty button"] = (Buttons(""), false),
        ["ten rows"] = (List(10, 24, 72), true),
        ["eleven rows"] = (List(11), false),
        ["a row title of 25"] = (List(4, 25), false),
        ["a row description of 73"] = (List(4, 10, 73), false),
        ["a list button of 21"] = (List(4, button: new string('b', 21)), false),
        ["a template parameter"] = (Template("12 dari 40 keluarga"), true),
        ["a template parameter with a line break"] = (Template("12\n40"), false),
        ["a template parameter with five spaces"] = (Template("12     40"), false),
    };

    public static TheoryData<string> Cases => [.. Examples.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MessagesAreCheckedAgainstWhatsAppsLimits(string what)
    {
        var (message, acceptable) = Examples[what];
        var problems = WhatsAppLimits.Check(message);
        Assert.True(acceptable == (problems.Count == 0), $"{what}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void ALongBodyIsRefusedWhateverItCarries() =>
        Assert.NotEmpty(WhatsAppLimits.Check(new GraphMessage(To, "interactive", Interactive: new GraphInteractive("button", new GraphBody(new string('a', 1025)),
            new GraphAction(Buttons: [new GraphButton(new GraphReply("x", "Ya"))])))));

    [Fact]
    public void TemplateParametersAreFlattenedToWhatWhatsAppAccepts()
    {
        var message = new TemplateNotice(TemplateKind.DailyReport, ["12 dari\n40   keluarga", ""]).ToMessage(To, new WhatsAppTemplateOptions { DailyReport = "laporan_harian" });
        Assert.Empty(WhatsAppLimits.Check(message));
        Assert.Equal(["12 dari 40 keluarga", "-"], message.Template!.Components.Single().Parameters.Select(p => p.Text));
    }
}
