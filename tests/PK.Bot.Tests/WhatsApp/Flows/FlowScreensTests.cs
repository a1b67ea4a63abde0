using System.Text.Json.Nodes;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Channels.WhatsApp.Flows;
using PK.Bot.Tests.Support;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.Forms;

namespace PK.Bot.Tests.WhatsApp.Flows;

public sealed class FlowScreensTests
{
    private static readonly FormDefinition Form = FormLoader.Pk21;

    private static JsonNode Screen(string kind) => FlowScreens.FlowJson(FlowScreens.Parts(Form).Single(p => p.Kind == kind))["screens"]![0]!;

    private static IEnumerable<JsonNode> Components(JsonNode screen) => FakeFlow.Components(screen["layout"]!["children"]!.AsArray());

    [Fact]
    public void EveryQuestionOfTheFormIsOnExactlyOneScreenWithinMetasComponentLimit()
    {
        var parts = FlowScreens.Parts(Form);
        Assert.Equal(["keluarga", "anggota", "kb", "pk-1", "pk-2"], parts.Select(p => p.Kind));
        var asked = parts.SelectMany(p => p.Items.Where(i => i.IsQuestion)).Select(i => i.Id).ToList();
        Assert.Equal(Form.Items.Where(i => i.IsQuestion).Select(i => i.Id), asked);
        foreach (var part in parts)
        {
            var components = Components(Screen(part.Kind)).ToList();
            Assert.True(components.Count <= 50, $"{part.Kind}: {components.Count} components");
            Assert.Equal(part.Items.Count(i => i.IsQuestion), components.Count(c => c["name"] is not null));
        }
    }

    [Fact]
    public void FieldsCarryTheFormsLabelsChoicesRangesAndRequired()
    {
        var anggota = Screen("anggota");
        var sex = Components(anggota).Single(c => (string?)c["name"] == "jenis_kelamin");
        Assert.Equal("RadioButtonsGroup", (string?)sex["type"]);
        Assert.Equal(Form.Item("jenis_kelamin").Choices!.Select(c => (c.Code.ToString(), c.Label)),
            sex["data-source"]!.AsArray().Select(o => ((string)o!["id"]!, (string)o["title"]!)));
        Assert.True((bool)sex["required"]!);
        Assert.Equal("${data.init_jenis_kelamin}", (string?)sex["init-value"]);

        var religion = Components(anggota).Single(c => (string?)c["name"] == "agama");
        Assert.Equal("Dropdown", (string?)religion["type"]);
        Assert.Equal(Form.Item("agama").Choices!.Count, religion["data-source"]!.AsArray().Count);

        var keluarga = Screen("keluarga");
        var phone = Components(keluarga).Single(c => (string?)c["name"] == "telepon");
        Assert.False((bool)phone["required"]!); // optional in the form
        Assert.Equal("phone", (string?)phone["input-type"]);
        var members = Components(keluarga).Single(c => (string?)c["name"] == "jumlah_anggota");
        Assert.Equal("number", (string?)members["input-type"]);
        Assert.Contains("1–30", (string?)members["helper-text"]); // the form's range

        var sources = Components(Screen("pk-2")).Single(c => (string?)c["name"] == "pk_sumber_media");
        Assert.Equal("CheckboxGroup", (string?)sources["type"]);
        foreach (var c in Components(anggota).Concat(Components(keluarga)).Where(c => c["label"] is not null))
            Assert.True(((string)c["label"]!).Length <= ((string)c["type"]! is "TextInput" or "Dropdown" ? 20 : 30), (string?)c["label"]);
    }

    [Fact]
    public void SkipLogicWithinAScreenIsAnIfAndAnotherScreensAnswerIsPassedIn()
    {
        var ifs = Components(Screen("anggota")).Where(c => (string?)c["type"] == "If").ToList();
        var married = ifs.Single(c => FakeFlow.Components(c["then"]!.AsArray()).Any(x => (string?)x["name"] == "usia_kawin_pertama"));
        Assert.Equal("(${form.status_kawin} == '2' || ${form.status_kawin} == '3' || ${form.status_kawin} == '4')", (string?)married["condition"]);
        var mother = ifs.Single(c => FakeFlow.Components(c["then"]!.AsArray()).Any(x => (string?)x["name"] == "ibu_kandung"));
        Assert.Equal("(${form.hubungan} == '3')", (string?)mother["condition"]);

        // pk_konflik is on this screen, jumlah_pasangan comes from Blok I: the screen gets it as data.
        var pk1 = Screen("pk-1");
        var separated = Components(pk1).Single(c => (string?)c["type"] == "If" && FakeFlow.Components(c["then"]!.AsArray()).Any(x => (string?)x["name"] == "pk_konflik_pisah_ranjang"));
        Assert.Equal("(${form.pk_konflik} == '1' && ${data.v_jumlah_pasangan} > 0)", (string?)separated["condition"]);
        Assert.Equal("number", (string?)pk1["data"]!["v_jumlah_pasangan"]!["type"]);

        // A number typed on the same screen cannot be compared in Flow JSON: the field is shown, optional, and the engine decides.
        var born = Components(Screen("kb")).Single(c => (string?)c["name"] == "kb_lahir_hidup_l");
        Assert.False((bool)born["required"]!);
        Assert.DoesNotContain(Components(Screen("kb")), c => (string?)c["type"] == "If" && ((string)c["condition"]!).Contains("kb_melahirkan"));
    }

    [Fact]
    public void AFlowMessageIsCheckedAgainstMetasLimitsBeforeSending()
    {
        var screen = new FormScreen("anggota", "abcd1234.anggota.1.0123456789abcdef0123", "Anggota 1", "1234567890", new Dictionary<string, object> { ["title"] = "x" });
        var message = new GraphMessage("6281311110001", "interactive", Interactive: FlowMessages.Draw("Isi formulir anggota 1.", screen));
        Assert.Empty(WhatsAppLimits.Check(message));
        Assert.Equal(Texts.FormCta, message.Interactive!.Action.Parameters!.FlowCta);
        Assert.True(Texts.FormCta.Length <= 20);

        GraphMessage With(Func<GraphFlowParameters, GraphFlowParameters> change) =>
            message with { Interactive = message.Interactive with { Action = message.Interactive.Action with { Parameters = change(message.Interactive.Action.Parameters!) } } };
        Assert.Contains(WhatsAppLimits.Check(With(p => p with { FlowCta = "Isi formulir anggota 1" })), p => p.Contains("CTA"));
        Assert.Contains(WhatsAppLimits.Check(With(p => p with { FlowCta = "Isi 📝" })), p => p.Contains("emoji"));
        Assert.Contains(WhatsAppLimits.Check(With(p => p with { FlowMessageVersion = "2" })), p => p.Contains("flow_message_version"));
        Assert.Contains(WhatsAppLimits.Check(With(p => p with { FlowToken = "" })), p => p.Contains("flow_token"));
    }

    [Fact]
    public async Task ExportWritesOneFlowJsonPerScreenKindAndPublishCreatesUploadsAndPublishesThem()
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr) = await BotProcess.RunAsync(folder.Path, "", "whatsapp", "flows", "export", "flows");
        Assert.True(exit == 0, stderr);
        var files = Directory.GetFiles(folder.File("flows"), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["anggota.json", "kb.json", "keluarga.json", "pk-1.json", "pk-2.json"], files);
        Assert.Equal(FlowScreens.FlowJson(FlowScreens.Parts(Form)[1]).ToJsonString(), JsonNode.Parse(File.ReadAllText(folder.File("flows/anggota.json")))!.ToJsonString());
        Assert.Equal(5, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await using var graph = await FakeGraphApi.StartAsync();
        (exit, stdout, stderr) = await BotProcess.RunAsync(folder.Path, "", "whatsapp", "flows", "publish",
            $"--WhatsApp:AccessToken={FakeGraphApi.AccessToken}", $"--WhatsApp:ApiBaseUrl={graph.BaseUrl}", $"--WhatsApp:ApiVersion={FakeGraphApi.Version}",
            $"--WhatsApp:PhoneNumberId={FakeGraphApi.PhoneNumberId}", $"--WhatsApp:AppSecret={WhatsAppBot.AppSecret}", $"--WhatsApp:VerifyToken={WhatsAppBot.VerifyToken}",
            $"--WhatsApp:Templates:DailyReport={WhatsAppBot.DailyReportTemplate}", $"--WhatsApp:Templates:Reminder={WhatsAppBot.ReminderTemplate}",
            $"--WhatsApp:Flows:WabaId={FakeGraphApi.WabaId}");
        Assert.True(exit == 0, stderr);
        Assert.Equal(5, graph.Flows.Count);
        Assert.All(graph.Flows.Values, f => Assert.True(f.Published, f.Name));
        foreach (var flow in graph.Flows.Values)
            Assert.Contains($"WhatsApp:Flows:Ids:{flow.Name["pk21-".Length..]}={flow.Id}", stdout);
    }
}
