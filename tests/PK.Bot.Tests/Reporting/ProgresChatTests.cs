using Microsoft.Extensions.Time.Testing;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using Xunit.Abstractions;

namespace PK.Bot.Tests.Reporting;

public sealed class ProgresChatTests(ITestOutputHelper output)
{

    [Fact]
    public async Task AFamilySubmittedInChatShowsInTheKoordinatorsProgresAtOnceWhileTheCoreHasNotGotIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 4, 15, 9, 0, 0, TimeSpan.FromHours(7)));
        await using var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string> { ["Reports:DailyAt"] = "23:59" });
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001", "kader", target: 20);
        await bot.AddPersonAsync("Koordinator Jatipuro", "6281300000002", "koor", role: Role.Koordinator, region: "33.13.01", target: 200);

        var n = 0;
        foreach (var line in FamilyRecords.FamilyOfFour)
        {
            await bot.Dispatcher.DispatchAsync(Messages.Text("kader", $"k{++n}", line));
            clock.Advance(TimeSpan.FromSeconds(20));
        }
        var replies = await bot.Sender.WaitForAsync("kader", FamilyRecords.FamilyOfFour.Count);
        output.WriteLine(replies[^1]);

        var fact = await bot.QueryAsync(db => db.FamilyFacts.SingleAsync());
        Assert.Equal((kader.Id, "33.13.01.2001", true, 4), (fact.KaderId, fact.DesaCode, fact.Berisiko, fact.MemberCount));
        Assert.Equal(new DateOnly(2021, 4, 15), fact.SubmittedLocalDate);

        await bot.Dispatcher.DispatchAsync(Messages.Text("koor", "p1", "/progres"));
        var report = (await bot.Sender.WaitForAsync("koor", 1))[0];
        output.WriteLine(report);
        Assert.Contains("Keluarga tercatat hari ini: 1", report);
        Assert.Contains("Total: 1 dari target 200 keluarga (0,5%)", report);
        Assert.Contains("Keluarga berisiko stunting: 1", report);
        Assert.Contains("Menunggu terkirim ke basis data pusat: 1 keluarga", report);
        Assert.Contains("Ngepungsari: 1/20 (5,0%), hari ini 1", report);

        // A command mid-interview leaves the interview where it was.
        await bot.Dispatcher.DispatchAsync(Messages.Text("kader", $"k{++n}", "/mulai"));
        await bot.Dispatcher.DispatchAsync(Messages.Text("kader", $"k{++n}", "/progres"));
        var tally = (await bot.Sender.WaitForAsync("kader", FamilyRecords.FamilyOfFour.Count + 2))[^1];
        Assert.Contains("Capaian Anda hari ini (15 April 2021): 1 keluarga.", tally);
        Assert.Contains("Total Anda: 1 dari target 20 keluarga (5,0%).", tally);
        await bot.Dispatcher.DispatchAsync(Messages.Text("kader", $"k{++n}", "Jl. Mawar 7"));
        var next = (await bot.Sender.WaitForAsync("kader", FamilyRecords.FamilyOfFour.Count + 3))[^1];
        Assert.DoesNotContain("Capaian", next);
        Assert.Equal(1, await bot.QueryAsync(db => db.Interviews.CountAsync(i => i.Status == PK.Domain.Interviews.InterviewStatus.InProgress)));
    }
}
