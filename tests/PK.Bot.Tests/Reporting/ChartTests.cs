using Microsoft.Extensions.Time.Testing;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Reporting;

public sealed class ChartTests
{
    [Theory]
    [InlineData("33.13", 17)]
    [InlineData("33.13.01", 10)]
    [InlineData("33.13.01.2001", 1)]
    public async Task TheChartIsAValidPngWithOneBarPerSubArea(string code, int bars)
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 17));
        await using var bot = await ReportingBot.StartAsync(clock);
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001", target: 30);
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9)));
        var area = RegionCode.Parse(code);
        var report = await bot.ReportAsync(ReportScope.Operator(area), area, new DateOnly(2026, 4, 14));

        var path = bot.Folder.File($"chart-{area.Plain}.png");
        await File.WriteAllBytesAsync(path, ProgressChart.Render(report, bot.Regions));

        Assert.Equal(bars, ProgressChart.BarsOf(report).Count);
        Assert.Equal((ProgressChart.Width, ProgressChart.HeightFor(bars)), Png.Size(await File.ReadAllBytesAsync(path)));
    }
}
