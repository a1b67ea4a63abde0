using Microsoft.Extensions.Time.Testing;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.Regions;
using PK.Domain.Reporting;
using SkiaSharp;

namespace PK.Bot.Tests.Reporting;

/// <summary>The report's chart read back from its pixels: where the bars are, how long, and in which colour.</summary>
public sealed class ChartTests
{
    // The traffic-light colours of the report: under 50% red, under 80% amber, else green.
    private static readonly SKColor Red = SKColor.Parse("#d9534f");
    private static readonly SKColor Amber = SKColor.Parse("#f0ad4e");
    private static readonly SKColor Green = SKColor.Parse("#5cb85c");

    [Fact]
    public async Task EachSubAreaIsABarAsLongAsItsPercentInTheColourOfItsProgressFurthestBehindOnTop()
    {
        await using var bot = await ReportingBot.StartAsync(new FakeTimeProvider(FamilySet.Wib(4, 14, 17)));
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        // Three desa of Jatipuro, each with a target of 4: 1 family (25%), 3 (75%) and 4 (100%); the other seven have no target.
        foreach (var (desa, families) in new[] { ("33.13.01.2003", 4), ("33.13.01.2001", 1), ("33.13.01.2002", 3) })
        {
            await FamilySet.AddTargetAsync(bot, desa, 4);
            for (var i = 0; i < families; i++)
                await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record(desa, kader.Id, FamilySet.Wib(4, 14, 9 + i)));
        }
        var area = RegionCode.Parse("33.13.01");
        var report = await bot.ReportAsync(ReportScope.Operator(area), area, new DateOnly(2026, 4, 14));

        using var chart = Decode(ProgressChart.Render(report, bot.Regions));

        var red = Assert.Single(Bars(chart, Red));
        var amber = Assert.Single(Bars(chart, Amber));
        var green = Assert.Single(Bars(chart, Green));
        // Furthest behind at the top.
        Assert.True(red.Bottom < amber.Top && amber.Bottom < green.Top, $"{red} {amber} {green}");
        // All start at zero; lengths in proportion 25 : 75 : 100.
        Assert.InRange(amber.Left - red.Left, -1, 1);
        Assert.InRange(green.Left - red.Left, -1, 1);
        Assert.True(amber.Width > 100, $"{amber}");
        // (Within a pixel or two of outline and anti-aliasing at each end.)
        Assert.InRange((double)red.Width / amber.Width, 1 / 3.0 - 0.03, 1 / 3.0 + 0.03);
        Assert.InRange((double)green.Width / amber.Width, 4 / 3.0 - 0.03, 4 / 3.0 + 0.03);
        // Bars are equally thick rows.
        Assert.InRange(red.Height - amber.Height, -1, 1);
        Assert.InRange(green.Height - amber.Height, -1, 1);
    }

    [Fact]
    public async Task ADesasChartIsOneBarOfItsOwnProgress()
    {
        await using var bot = await ReportingBot.StartAsync(new FakeTimeProvider(FamilySet.Wib(4, 14, 17)));
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        await FamilySet.AddTargetAsync(bot, "33.13.01.2001", 5);
        for (var i = 0; i < 3; i++)
            await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9 + i)));
        var desa = RegionCode.Parse("33.13.01.2001");
        var report = await bot.ReportAsync(ReportScope.Operator(desa), desa, new DateOnly(2026, 4, 14));

        using var chart = Decode(ProgressChart.Render(report, bot.Regions));

        var bar = Assert.Single(Bars(chart, Amber)); // 60%
        Assert.Empty(Bars(chart, Red));
        Assert.Empty(Bars(chart, Green));
        Assert.True(bar.Width > 100, $"{bar}");
    }

    [Theory]
    [InlineData("33.13")]
    [InlineData("33.13.01")]
    public async Task AnAreaWithoutTargetsDrawsNoBarsButStillAPicture(string code)
    {
        await using var bot = await ReportingBot.StartAsync(new FakeTimeProvider(FamilySet.Wib(4, 14, 17)));
        var kader = await bot.AddPersonAsync("Sri Lestari", "6281300000001");
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, FamilySet.Wib(4, 14, 9)));
        var area = RegionCode.Parse(code);
        var report = await bot.ReportAsync(ReportScope.Operator(area), area, new DateOnly(2026, 4, 14));

        var png = ProgressChart.Render(report, bot.Regions);
        Assert.Equal(900, Png.Size(png).Width);
        using var chart = Decode(png);

        Assert.Empty(Bars(chart, Red));
        Assert.Empty(Bars(chart, Amber));
        Assert.Empty(Bars(chart, Green));
    }

    private static SKBitmap Decode(byte[] png)
    {
        Png.Size(png); // a PNG signature and header first
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable PNG");
    }

    private readonly record struct Box(int Top, int Bottom, int Left, int Right)
    {
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
    }

    /// <summary>Solid runs of rows holding a horizontal stretch (at least 5 px) of exactly this colour: the bars drawn in it.</summary>
    private static List<Box> Bars(SKBitmap chart, SKColor colour)
    {
        var boxes = new List<Box>();
        Box? open = null;
        for (var y = 0; y < chart.Height; y++)
        {
            int left = -1, right = -1;
            for (var x = 0; x < chart.Width; x++)
            {
                if (chart.GetPixel(x, y) != colour) continue;
                if (left < 0) left = x;
                right = x;
            }
            if (left >= 0 && right - left >= 4)
                open = open is { } o ? o with { Bottom = y, Left = Math.Min(o.Left, left), Right = Math.Max(o.Right, right) } : new Box(y, y, left, right);
            else if (open is { } done)
            {
                boxes.Add(done);
                open = null;
            }
        }
        if (open is { } last) boxes.Add(last);
        return boxes;
    }
}
