using System.Text.Json.Nodes;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Channels.WhatsApp.Flows;
using PK.Bot.Tests.Support;
using PK.Domain;
using PK.Domain.Forms;
using Xunit.Abstractions;

namespace PK.Bot.Tests.WhatsApp.Flows;

public sealed class WhatsAppFlowsTests(ITestOutputHelper output)
{
    private const string Kader = "6281311110001";

    private static readonly IReadOnlyList<FlowPart> Parts = FlowScreens.Parts(FormLoader.Pk21);

    /// <summary>Flow ids as the fake Graph API will give them when the Flows are published.</summary>
    private static Dictionary<string, string> FlowSettings() => Parts.ToDictionary(
        p => $"WhatsApp:Flows:Ids:{p.Kind}", p => FakeGraphApi.FlowIdFor($"pk21-{p.Kind}"));

    /// <summary>Starts the bot with Flows configured and publishes them through the fake Graph API's flow endpoints, as <c>whatsapp flows publish</c> does.</summary>
    private static async Task<WhatsAppBot> StartWithFlowsAsync()
    {
        var wa = await WhatsAppBot.StartAsync(FlowSettings());
        using var http = new HttpClient();
        var ids = await FlowPublisher.PublishAsync(http,
            new WhatsAppOptions { AccessToken = FakeGraphApi.AccessToken, ApiBaseUrl = wa.Graph.BaseUrl, ApiVersion = FakeGraphApi.Version },
            new WhatsAppFlowOptions { WabaId = FakeGraphApi.WabaId }, FormLoader.Pk21, CancellationToken.None);
        Assert.Equal(FlowSettings().Values.Order(), ids.Values.Order());
        Assert.All(wa.Graph.Flows.Values, f => Assert.True(f.Published && f.Json is not null, f.Name));
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        return wa;
    }

    [Fact]
    public async Task AWholeFamilyByFlowsIsRecordedAsTheSameFamilyTypedInChat()
    {
        await using var wa = await StartWithFlowsAsync();
        var inputs = 0;
        async Task<IReadOnlyList<GraphSentMessage>> Say(string text)
        {
            inputs++;
            return Show(text, await wa.SayAsync(Kader, text));
        }
        async Task<IReadOnlyList<GraphSentMessage>> Submit(string expectedScreen, int? member)
        {
            Assert.Equal(expectedScreen, FlowKader.LastFlow(wa, Kader).Screen);
            inputs++;
            return Show($"[{expectedScreen} {member}]", await FlowKader.SubmitAsync(wa, Kader, FlowFamily.Entries(member)));
        }

        var replies = await Say("/mulai");
        Assert.Equal("flow", Assert.Single(replies).InteractiveType);
        replies = await Submit("KELUARGA", null);
        Assert.Contains("nama dan NIK", Assert.Single(replies).Text);
        replies = await Say(FlowFamily.MemberList);
        for (var m = 1; m <= 4; m++)
        {
            var (_, screen, data, _) = FlowKader.LastFlow(wa, Kader);
            Assert.Equal("ANGGOTA", screen);
            // The member's screen opens with the name and NIK typed in chat, and sex and birth date read from the NIK.
            Assert.Equal(FlowFamily.Names[m - 1], (string?)data["init_nama"]);
            Assert.Equal(FlowFamily.Niks[m - 1], (string?)data["init_nik"]);
            Assert.Equal(m is 1 or 4 ? "1" : "2", (string?)data["init_jenis_kelamin"]);
            Assert.NotEqual("", (string?)data["init_tanggal_lahir"]);
            replies = await Submit("ANGGOTA", m);
        }
        foreach (var part in Parts.Where(p => !p.IsMember && p.Kind != "keluarga")) replies = await Submit(part.ScreenId, null);
        Assert.Contains(Texts.SummaryFooterComplete.Split('.')[0], string.Join("\n", replies.Select(r => r.Text)), StringComparison.OrdinalIgnoreCase);
        await Say("/kirim");

        var submitted = await wa.Bot.QueryAsync(db => db.SubmittedRecords.ToListAsync());
        var byFlows = JsonNode.Parse(Assert.Single(submitted).PayloadJson)!.AsObject();
        var (typed, chatInputs, chatReplies) = FlowFamily.TypedInChat();
        Assert.Equal(FlowFamily.Content(typed), FlowFamily.Content(byFlows));

        var botMessages = wa.Graph.SentTo(Kader).Count;
        output.WriteLine($"Family of four by Flows: {inputs} kader inputs, {botMessages} bot messages ({wa.Graph.SentTo(Kader).Count(m => m.InteractiveType == "flow")} of them Flow screens).");
        output.WriteLine($"The same family typed in chat, one item per message: {chatInputs} inputs, {chatReplies} replies.");
        Assert.True(inputs <= 12, $"{inputs} inputs");
        Assert.True(botMessages <= 15, $"{botMessages} bot messages");
        Assert.Equal(wa.Graph.Calls, wa.Graph.Sent.Count); // WhatsApp refused nothing the bot drew
    }

    [Fact]
    public async Task AFlowReplyWithABadNikAndAnOutOfRangeAgeGetsExactlyThoseTwoAskedBack()
    {
        await using var wa = await StartWithFlowsAsync();
        await wa.SayAsync(Kader, "/mulai");
        await FlowKader.SubmitAsync(wa, Kader, FlowFamily.Entries(null));
        await wa.SayAsync(Kader, FlowFamily.MemberList);

        var entries = FlowFamily.Entries(1);
        var replies = await FlowKader.SubmitAsync(wa, Kader, field => field switch { "nik" => "12345", "usia_kawin_pertama" => "5", _ => entries(field) });
        var reply = Assert.Single(replies);
        Show("[ANGGOTA 1 with a bad NIK and age 5]", replies);
        Assert.Equal("text", reply.Type);
        Assert.Contains("1.2a NIK", reply.Text);
        Assert.Contains("1.8 Umur saat kawin pertama", reply.Text);
        Assert.EndsWith("1.2a NIK?", reply.Text.Split('\n').First(l => l.StartsWith("1.2a NIK?", StringComparison.Ordinal)));
        Assert.Contains("11 jawaban tercatat", reply.Text); // the other 11 answers of the screen were taken

        replies = Show(FlowFamily.Niks[0], await wa.SayAsync(Kader, FlowFamily.Niks[0]));
        Assert.Contains("1.8 Umur saat kawin pertama (tahun)?", Assert.Single(replies).Text);
        replies = Show("25", await wa.SayAsync(Kader, "25"));
        // Nothing else was asked: the next member's screen follows.
        Assert.Equal("flow", replies[^1].InteractiveType);
        Assert.Equal("ANGGOTA", FlowKader.LastFlow(wa, Kader).Screen);
        var member2 = FlowKader.LastFlow(wa, Kader).Data;
        Assert.Equal(FlowFamily.Names[1], (string?)member2["init_nama"]);
    }

    [Fact]
    public async Task AStaleOrForgedFlowTokenIsRefusedAndChangesNothing()
    {
        await using var wa = await StartWithFlowsAsync();
        await wa.SayAsync(Kader, "/mulai");
        var keluarga = FlowKader.LastFlow(wa, Kader);
        await FlowKader.SubmitAsync(wa, Kader, FlowFamily.Entries(null));
        var before = await wa.Bot.QueryAsync(db => db.Interviews.Select(i => i.SnapshotJson).SingleAsync());

        // The family screen again, after the chat moved on to the members.
        var response = new JsonObject { ["flow_token"] = keluarga.Token, ["alamat"] = "Jl. Mawar 9", ["rw"] = "4" };
        var replies = await FlowKader.SendAsync(wa, Kader, response.ToJsonString());
        Assert.StartsWith(Texts.FormStale, replies[0].Text);
        // A token the bot did not sign.
        var forged = keluarga.Token[..^1] + (keluarga.Token[^1] == '0' ? '1' : '0');
        replies = await FlowKader.SendAsync(wa, Kader, new JsonObject { ["flow_token"] = forged, ["alamat"] = "Jl. Mawar 9" }.ToJsonString());
        Assert.StartsWith(Texts.FormStale, replies[0].Text);

        Assert.Equal(before, await wa.Bot.QueryAsync(db => db.Interviews.Select(i => i.SnapshotJson).SingleAsync()));
    }

    [Fact]
    public async Task WithoutFlowsTheChatInterviewIsAsBefore()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var replies = await wa.SayAsync(Kader, "/mulai");
        Assert.DoesNotContain(replies, r => r.InteractiveType == "flow");
        Assert.Equal("text", replies[^1].Type);
        Assert.Contains("Alamat rumah?", replies[^1].Text);
        // An nfm_reply (a Flow from an earlier configuration) is not applied.
        replies = await FlowKader.SendAsync(wa, Kader, """{"flow_token":"x.keluarga.0.y","alamat":"Jl. Mawar 9"}""");
        Assert.Contains(Texts.Unsupported, replies[0].Text);
        replies = await wa.SayAsync(Kader, "Jl. Melati 5");
        Assert.Contains("Jl. Melati 5", replies[0].Text);
    }

    private IReadOnlyList<GraphSentMessage> Show(string input, IReadOnlyList<GraphSentMessage> replies)
    {
        output.WriteLine($"> {input.Replace('\n', '⏎')}");
        foreach (var r in replies) output.WriteLine($"[{r.Type}/{r.InteractiveType}] {r.Text}");
        return replies;
    }
}
