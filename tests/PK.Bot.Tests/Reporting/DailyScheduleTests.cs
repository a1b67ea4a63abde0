using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Channels;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.People;

namespace PK.Bot.Tests.Reporting;

public sealed class DailyScheduleTests
{
    private static readonly Dictionary<string, string> NoTally = new() { ["Reports:KaderTally"] = "false" };

    [Fact]
    public async Task KoordinatorsInWibAndWitaGetTheirReportsAtTheirOwnFivePm()
    {
        // 15:58 WIB is 16:58 WITA.
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 15, 58));
        var files = new FileChannelSender();
        await using var bot = await ReportingBot.StartAsync(clock, NoTally, services: s => s.AddSingleton<IChannelSender>(files));
        var karanganyar = await bot.AddPersonAsync("Koordinator Karanganyar", "6281300000010", "k-wib", FileChannelSender.ChannelName, Role.Koordinator, "33.13", 302_000);
        var denpasar = await bot.AddPersonAsync("Koordinator Denpasar", "6281300000020", "k-wita", FileChannelSender.ChannelName, Role.Koordinator, "51.71");

        await AdvanceUntilAsync(clock, bot, () => Delivered(bot, denpasar.Id));
        var witaQueuedAt = await QueuedAtAsync(bot, denpasar.Id);
        Assert.Equal(new TimeSpan(17, 0, 0), witaQueuedAt.ToOffset(TimeSpan.FromHours(8)).TimeOfDay);
        Assert.False(await Delivered(bot, karanganyar.Id), "Karanganyar's 17:00 is an hour later");

        await AdvanceUntilAsync(clock, bot, () => Delivered(bot, karanganyar.Id));
        var wibQueuedAt = await QueuedAtAsync(bot, karanganyar.Id);
        Assert.Equal(new TimeSpan(17, 0, 0), wibQueuedAt.ToOffset(TimeSpan.FromHours(7)).TimeOfDay);

        var wita = await files.WaitForAsync("k-wita", 2);
        Assert.StartsWith("LAPORAN HARIAN PK — Kota Denpasar\n14 April 2026, pukul 17.0", wita[0].Text);
        Assert.Contains("WITA", wita[0].Text);
        Assert.Equal(AttachmentKind.Photo, wita[1].Kind);
        Png.Size(wita[1].Bytes!);
        var wib = await files.WaitForAsync("k-wib", 2);
        Assert.Contains("Total: 0 dari target 302.000 keluarga (0,0%)", wib[0].Text);
        Assert.Equal(AttachmentKind.Photo, wib[1].Kind);
    }

    [Fact]
    public async Task ARestartAtFourFiftyNineAndAgainAtFiveOhOneSendsExactlyOneReport()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 16, 59));
        Guid koordinator;
        await using (var before = await ReportingBot.StartAsync(clock, NoTally, folder))
        {
            koordinator = (await before.AddPersonAsync("Koordinator Jatipuro", "6281300000011", "k1", role: Role.Koordinator, region: "33.13.01")).Id;
            Assert.Equal(0, await before.App.Services.GetRequiredService<DailyReportScheduler>().QueueDueAsync(CancellationToken.None));
        }

        clock.SetUtcNow(FamilySet.Wib(4, 14, 17, 1));
        await using (var after = await ReportingBot.StartAsync(clock, NoTally, folder))
        {
            await Eventually.HoldsAsync(() => Delivered(after, koordinator), "the report is delivered");
            await after.Sender.WaitForAsync("k1", 2);
        }

        clock.SetUtcNow(FamilySet.Wib(4, 14, 17, 2));
        await using var again = await ReportingBot.StartAsync(clock, NoTally, folder);
        Assert.Equal(0, await again.App.Services.GetRequiredService<DailyReportScheduler>().QueueDueAsync(CancellationToken.None));
        Assert.Equal(1, await again.QueryAsync(db => db.ReportDeliveries.CountAsync()));
        Assert.Equal(2, await again.QueryAsync(db => db.Outbox.CountAsync(m => m.ChatId == "k1")));
        // The next day brings the next report.
        clock.SetUtcNow(FamilySet.Wib(4, 15, 17, 0));
        await RunScheduleAsync(again);
        await Eventually.HoldsAsync(() => again.QueryAsync(db => db.ReportDeliveries.AnyAsync(d => d.LocalDate == new DateOnly(2026, 4, 15))), "the restarted bot records the day's delivery");
        Assert.Equal(2, await again.QueryAsync(db => db.ReportDeliveries.CountAsync()));
    }

    [Fact]
    public async Task AReportIsKeptQueuedWhileTheChannelIsDownAndArrivesWhenItRecovers()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 16, 0));
        await using var bot = await ReportingBot.StartAsync(clock, NoTally);
        await bot.AddPersonAsync("Koordinator Jatipuro", "6281300000012", "k2", role: Role.Koordinator, region: "33.13.01");
        bot.Sender.FailNext(1_000);

        clock.SetUtcNow(FamilySet.Wib(4, 14, 17, 0));
        await RunScheduleAsync(bot);
        await Eventually.HoldsAsync(() => bot.QueryAsync(db => db.Outbox.AnyAsync(m => m.ChatId == "k2" && m.LastError != null)), "a send to the dead channel failed");
        Assert.Empty(bot.Sender.TextsTo("k2"));

        bot.Sender.FailNext(0);
        clock.Advance(TimeSpan.FromMinutes(10));
        var texts = await bot.Sender.WaitForAsync("k2", 2);
        Assert.StartsWith("LAPORAN HARIAN PK — Kecamatan Jatipuro", texts[0]);
        // The recording channel shows no pictures: the chart's caption comes with a note instead.
        Assert.Contains("tidak dapat menampilkan berkas", texts[1]);
    }

    [Fact]
    public async Task AKaderGetsTheirOwnTallyAtFivePm()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 16, 0));
        await using var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string> { ["Reports:KaderTally"] = "true" });
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000013", "kader-1", target: 40);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9)));
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 13, 9)), ForwardStatus.Delivered);

        clock.SetUtcNow(FamilySet.Wib(4, 14, 17, 0));
        await RunScheduleAsync(bot);

        var tally = Assert.Single(await bot.Sender.WaitForAsync("kader-1", 1));
        Assert.Equal("Capaian Anda hari ini (14 April 2026): 1 keluarga.\nTotal Anda: 2 dari target 40 keluarga (5,0%).\n" +
                     "1 keluarga Anda masih menunggu terkirim ke pusat; tidak perlu diulang, bot mengirimnya otomatis.", tally);
    }

    // Setting fake time also wakes the schedule's own loop; whichever runs first queues, the other finds it done.
    private static Task RunScheduleAsync(BotFixture bot) =>
        bot.App.Services.GetRequiredService<DailyReportScheduler>().QueueDueAsync(CancellationToken.None);

    private static Task<bool> Delivered(BotFixture bot, Guid person) =>
        bot.QueryAsync(db => db.ReportDeliveries.AnyAsync(d => d.PersonId == person));

    private static Task<DateTimeOffset> QueuedAtAsync(BotFixture bot, Guid person) =>
        bot.QueryAsync(db => db.ReportDeliveries.Where(d => d.PersonId == person).Select(d => d.QueuedAt).SingleAsync());

    /// <summary>
    /// Moves fake time a minute at a time (the schedule's check interval), each step only once the schedule has
    /// finished checking the previous minute, so every minute is seen and none is skipped however busy the machine.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, BotFixture bot, Func<Task<bool>> done)
    {
        var schedule = bot.App.Services.GetRequiredService<DailyReportScheduler>();
        var patience = TimeSpan.FromSeconds(30);
        await schedule.WaitForRoundAsync(1, CancellationToken.None).WaitAsync(patience);
        for (var minute = 0; minute < 180; minute++)
        {
            if (await done()) return;
            var round = schedule.RoundsCompleted;
            clock.Advance(TimeSpan.FromMinutes(1));
            await schedule.WaitForRoundAsync(round + 1, CancellationToken.None).WaitAsync(patience);
        }
        throw new TimeoutException("The schedule did not act within three hours of fake time.");
    }

}
