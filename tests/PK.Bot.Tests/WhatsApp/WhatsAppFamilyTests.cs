using System.Text.Json;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Tests.Support;
using Xunit.Abstractions;

namespace PK.Bot.Tests.WhatsApp;

public sealed class WhatsAppFamilyTests(ITestOutputHelper output)
{
    private const string Kader = "6281311110001";

    [Fact]
    public async Task AWholeFamilyIsRecordedByButtonsListsAndTyping()
    {
        await using var wa = await WhatsAppBot.StartAsync();
        var kader = await wa.AddRosterPersonAsync("Sri Wahyuni", Kader);
        var kinds = new HashSet<string>();
        async Task Say(string text) => Show(text, await wa.SayAsync(Kader, text));
        async Task Press(string title)
        {
            kinds.Add(wa.Graph.SentTo(Kader).Last(m => m.Type == "interactive").InteractiveType!);
            Show($"[{title}]", await wa.PressAsync(Kader, title));
        }
        async Task PressNumber(int position)
        {
            kinds.Add(wa.Graph.SentTo(Kader).Last(m => m.Type == "interactive").InteractiveType!);
            Show($"[#{position}]", await wa.PressAsync(Kader, position));
        }

        foreach (var text in new[] { "/mulai", "Jl. Melati 5", "/lewati", "3", "2 15 1 4", "Budi Santoso", "3313011708750001" }) await Say(text);
        await Press("Laki-laki");
        await Say("ok");
        await Press("Kawin");
        await Say("25");
        await Press("Ya");
        await Press("Kepala Keluarga");
        await Press("Islam");
        await Press("Petani");
        await Say("8");
        await Press("BPJS-PBI/Jamkesmas/Jamk…");
        await Press("Di Dalam Rumah");
        foreach (var text in new[] { "Siti Aminah", "3313014211820002", "ok ok 2 20 1 ok 1 1 8 1 1", "Rina", "3313015006050003", "ok ok 1 1 3 2 1 1 7 1 1",
                     "Andi", "3313010112170004", "ok ok 1 1 3 2 1 1 1 1 1", "2", "1", "1", "1", "1", "2" }) await Say(text);
        await Press("Tidak");
        await Press("Tidak ingin anak la…");
        await Press("Ya");
        await Say("3/2018");
        await Press("Suntik");
        await Press("Pustu/Pusling/Bidan Desa");
        for (var i = 0; i < 3; i++) await Press("Ya");
        await Say("1 1 2 1 1 2 2 1 1 1 1 1 1 2 2 2 2 2");
        foreach (var position in new[] { 2, 2, 2, 1, 2, 1 }) await PressNumber(position);
        await Say("72 4");
        await Press("Listrik/Gas");
        await Press("Milik sendiri");
        foreach (var text in new[] { "1", "2,3", "1", "2,9", "/kirim" }) await Say(text);

        var submitted = await wa.Bot.QueryAsync(db => db.SubmittedRecords.ToListAsync());
        var record = JsonDocument.Parse(Assert.Single(submitted).PayloadJson).RootElement;
        Assert.Equal(4, record.GetProperty("members").GetArrayLength());
        Assert.Equal("3313014211820002", record.GetProperty("members")[1].GetProperty("nik").GetString());
        Assert.Equal(["button", "list"], kinds.Order());
        // Linked by the roster number, and WhatsApp refused nothing the bot drew.
        Assert.Equal(kader.Id, await wa.Bot.QueryAsync(db => db.ChatLinks.Where(l => l.Channel == WhatsAppChannel.Name && l.ChatId == Kader).Select(l => l.PersonId).SingleAsync()));
        Assert.Equal(wa.Graph.Calls, wa.Graph.Sent.Count);
        Assert.All(wa.Graph.Sent, m => Assert.Equal(Kader, m.To));
    }

    private void Show(string input, IReadOnlyList<GraphSentMessage> replies)
    {
        output.WriteLine($"> {input}");
        foreach (var r in replies)
            output.WriteLine($"[{r.Type}/{r.InteractiveType}] {r.Text}\n   {string.Join(" | ", r.Choices.Select(c => c.Title))}");
    }
}
