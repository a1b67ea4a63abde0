using PK.Domain;
using PK.Domain.Regions;
using PK.Domain.Reporting;
using ScottPlot;

namespace PK.Bot.Reporting;

/// <summary>The report's picture: one horizontal bar per sub-area, percent of target, furthest behind at the top.</summary>
public static class ProgressChart
{
    public const int Width = 900;
    private const int HeaderHeight = 130;
    private const int RowHeight = 26;
    /// <summary>A chart shows at most this many bars (a kabupaten has ~20 kecamatan; more would not read on a phone).</summary>
    public const int MaxBars = 30;

    public static int HeightFor(int bars) => HeaderHeight + RowHeight * Math.Clamp(bars, 1, MaxBars);

    /// <summary>The areas the chart shows: the sub-areas, or the area itself when it has none (a desa).</summary>
    public static IReadOnlyList<AreaProgress> BarsOf(ProgressReport report) =>
        report.SubAreas.Count > 0 ? [.. report.SubAreas.Take(MaxBars)] : [report.Total];

    public static byte[] Render(ProgressReport report, RegionDirectory regions)
    {
        var (plot, bars) = Build(report, regions);
        return plot.GetImageBytes(Width, HeightFor(bars), ImageFormat.Png);
    }

    /// <summary>The same chart as SVG, for the dashboard.</summary>
    public static string RenderSvg(ProgressReport report, RegionDirectory regions)
    {
        var (plot, bars) = Build(report, regions);
        return plot.GetSvgXml(Width, HeightFor(bars));
    }

    private static (Plot Plot, int Bars) Build(ProgressReport report, RegionDirectory regions)
    {
        var lines = BarsOf(report);
        var plot = new Plot();
        // The first line (furthest behind) is drawn at the top.
        var bars = lines.Select((line, i) => new Bar
        {
            Position = lines.Count - 1 - i,
            Value = (double)(line.Percent ?? 0),
            FillColor = Fill(line.Percent),
            Label = line.Percent is { } p ? IndonesianNumbers.Percent(p) : "—",
            Orientation = Orientation.Horizontal,
        }).ToList();
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 12;

        var ticks = lines.Select((line, i) => new Tick(lines.Count - 1 - i, line.Name)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        var highest = lines.Max(l => (double)(l.Percent ?? 0));
        plot.Axes.SetLimits(0, Math.Max(100, highest) * 1.12, -0.6, lines.Count - 0.4);
        plot.Axes.Bottom.Label.Text = Texts.ReportChartAxis;
        plot.Title($"{ReportText.AreaName(report.Area, regions)} · {IndonesianNumbers.Date(report.Date)}");
        plot.Add.VerticalLine(100, 1, Colors.Gray, LinePattern.Dashed);
        return (plot, lines.Count);
    }

    private static Color Fill(decimal? percent) => percent switch
    {
        null => Colors.LightGray,
        < 50 => Color.FromHex("#d9534f"),
        < 80 => Color.FromHex("#f0ad4e"),
        _ => Color.FromHex("#5cb85c"),
    };
}
