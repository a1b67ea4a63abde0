using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Reporting;

public sealed class ReportNumbersTests
{
    private static readonly RegionCode Karanganyar = RegionCode.Parse("33.13");
    private static readonly DateOnly April14 = new(2026, 4, 14);

    [Fact]
    public async Task TheReportsNumbersMatchTheFamiliesRecordedIncludingThoseWaitingWhileTheCoreIsDown()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 17));
        await using var bot = await ReportingBot.StartAsync(clock);
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001", target: 30);
        var other = await bot.AddPersonAsync("Wati", "6281300000002", region: "33.13.02.2001");
        await bot.AddPersonAsync("Koordinator Jatiyoso", "6281300000003", role: Role.Koordinator, region: "33.13.02", target: 50);
        await FamilySet.AddTargetAsync(bot, "33.13", 1_000);
        await FamilySet.AddTargetAsync(bot, "33.13.01", 100);

        // Ngepungsari: 2 today (one berisiko, both still waiting for the core), 3 two days ago (delivered).
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9), berisiko: true), ForwardStatus.Pending);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 11)), ForwardStatus.Pending);
        for (var i = 0; i < 3; i++)
            await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 12, 10 + i)), ForwardStatus.Delivered);
        // Jatipurwo (no target of its own): 1 today, berisiko, waiting since early morning.
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2002", kader.Id, FamilySet.Wib(4, 14, 6), berisiko: true), ForwardStatus.Pending);
        // Jatiyoso kecamatan: 4 on 10 April, delivered.
        for (var i = 0; i < 4; i++)
            await FamilySet.AddAsync(bot, other.Id, FamilySet.Record("33.13.02.2001", other.Id, FamilySet.Wib(4, 10, 10 + i)), ForwardStatus.Delivered);
        // Outside the area, and after the report's day: neither counts.
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.14.01.2001", kader.Id, FamilySet.Wib(4, 14, 9)), ForwardStatus.Pending);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 15, 9)), ForwardStatus.Delivered);

        var report = await bot.ReportAsync(ReportScope.Operator(Karanganyar), Karanganyar, April14);

        Assert.Equal(10, report.Total.Families);
        Assert.Equal(3, report.Total.Today);
        Assert.Equal(2, report.Total.Berisiko);
        Assert.Equal(1_000, report.Total.Target);
        Assert.Equal(1.0m, report.Total.Percent);
        Assert.Equal(3, report.Backlog.Waiting);
        Assert.Equal(FamilySet.Wib(4, 14, 6), report.Backlog.OldestSubmittedAt);

        var jatipuro = report.SubAreas.Single(a => a.Code.Dotted == "33.13.01");
        Assert.Equal((6, 100, 6.0m), (jatipuro.Families, jatipuro.Target!.Value, jatipuro.Percent!.Value));
        var jatiyoso = report.SubAreas.Single(a => a.Code.Dotted == "33.13.02");
        Assert.Equal((4, 50, 8.0m), (jatiyoso.Families, jatiyoso.Target!.Value, jatiyoso.Percent!.Value));
        // Furthest behind first: 0% kecamatan with a target would come first, then Jatipuro (6%) before Jatiyoso (8%); no-target areas last.
        var withTargets = report.SubAreas.Where(a => a.Target is not null).Select(a => a.Code.Dotted).ToList();
        Assert.True(withTargets.IndexOf("33.13.01") < withTargets.IndexOf("33.13.02"));
        Assert.All(report.SubAreas.SkipWhile(a => a.Target is not null), a => Assert.Null(a.Target));

        var ngepungsari = report.Detail.Single(a => a.Code.Dotted == "33.13.01.2001");
        Assert.Equal((5, 2, 30), (ngepungsari.Families, ngepungsari.Today, ngepungsari.Target!.Value));
        var jatipurwo = report.Detail.Single(a => a.Code.Dotted == "33.13.01.2002");
        Assert.Null(jatipurwo.Target);
        Assert.Null(jatipurwo.Percent);

        var text = ReportText.Daily(report, bot.Regions);
        Assert.Contains("LAPORAN HARIAN PK — Kabupaten Karanganyar", text);
        Assert.Contains("14 April 2026, pukul 17.00 WIB", text);
        Assert.Contains("Keluarga tercatat hari ini: 3", text);
        Assert.Contains("Total: 10 dari target 1.000 keluarga (1,0%)", text);
        Assert.Contains("Keluarga berisiko stunting: 2", text);
        Assert.Contains("Jatipuro: 6/100 (6,0%), hari ini 3", text);
        Assert.Contains("1. Ngepungsari (Jatipuro): 5/30 (16,7%), hari ini 2", text);
        Assert.Contains("Menunggu terkirim ke basis data pusat: 3 keluarga (tertua 11 jam).", text);
        // The kader of Jatiyoso sent nothing for four days; the one of Ngepungsari sent today.
        Assert.Contains("- Wati (Jatisawit): terakhir 10 April 2026", text);
        Assert.DoesNotContain("Sri Lestari", text);
        Assert.DoesNotMatch(@"\b33\.13\.\d\d", text);
    }

    [Fact]
    public async Task ADayWithNoFamiliesReportsZerosAndNothingWaiting()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 17));
        await using var bot = await ReportingBot.StartAsync(clock);
        await bot.AddPersonAsync("Sri Lestari", "6281300000001", target: 30);
        var area = RegionCode.Parse("33.13.01");

        var report = await bot.ReportAsync(ReportScope.Operator(area), area, April14);
        var text = ReportText.Daily(report, bot.Regions);

        Assert.Equal((0, 0, 0), (report.Total.Families, report.Total.Today, report.Backlog.Waiting));
        Assert.Equal(30, report.Total.Target);
        Assert.Contains("Keluarga tercatat hari ini: 0", text);
        Assert.Contains("Total: 0 dari target 30 keluarga (0,0%)", text);
        Assert.Contains("Semua keluarga sudah terkirim ke basis data pusat.", text);
        Assert.Contains("- Sri Lestari (Ngepungsari): belum pernah mengirim", text);
        Assert.Equal(10, report.SubAreas.Count);
        Assert.Equal("33.13.01.2001", report.SubAreas[0].Code.Dotted);
    }

    [Fact]
    public async Task ACorrectionKeepsTheFamilyOnItsFirstDayAndTakesTheNewRisk()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 17));
        await using var bot = await ReportingBot.StartAsync(clock);
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        var id = Guid.NewGuid();
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 13, 9), id: id), ForwardStatus.Delivered);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9), berisiko: true, id: id, version: 2));

        var area = RegionCode.Parse("33.13.01.2001");
        var report = await bot.ReportAsync(ReportScope.Operator(area), area, April14);

        Assert.Equal((1, 0, 1, 1), (report.Total.Families, report.Total.Today, report.Total.Berisiko, report.Backlog.Waiting));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1_000, "1.000")]
    [InlineData(302_000, "302.000")]
    [InlineData(77_900_000, "77.900.000")]
    public void CountsAreGroupedWithDots(long value, string expected) => Assert.Equal(expected, IndonesianNumbers.Count(value));

    [Theory]
    [InlineData("25", "25,0%")]
    [InlineData("6.7", "6,7%")]
    [InlineData("1234.5", "1.234,5%")]
    public void PercentagesUseADecimalComma(string value, string expected) =>
        Assert.Equal(expected, IndonesianNumbers.Percent(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
