using System.Globalization;
using System.Text;
using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>The report and the short answers as text for a phone: numbers in Indonesian, areas by name, never bare codes.</summary>
public static class ReportText
{
    /// <summary>How many lines of a sub-area table a chat message shows.</summary>
    public const int SubAreaLines = 20;
    public const int DetailLines = 10;
    public const int IdleLines = 15;

    public static string Daily(ProgressReport report, RegionDirectory regions)
    {
        var zone = report.Area.TimeZone;
        var local = report.Now.ToOffset(Provinces.OffsetOf(zone));
        var n = IndonesianNumbers.Count;
        var text = new StringBuilder();
        text.AppendLine(Texts.ReportTitle(AreaName(report.Area, regions), IndonesianNumbers.Date(report.Date),
            local.ToString("HH.mm", CultureInfo.InvariantCulture), IndonesianNumbers.Zone(zone)));
        text.AppendLine();
        text.AppendLine(Texts.ReportToday(n(report.Total.Today)));
        text.AppendLine(Total(report.Total));
        text.AppendLine(Texts.ReportBerisiko(n(report.Total.Berisiko)));

        if (report.SubAreas.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Texts.ReportSubAreasHeading(LevelName(report.Area.Level + 1)));
            AppendLines(text, report.SubAreas, SubAreaLines, regions);
        }
        if (report.Detail.Count > 0)
        {
            text.AppendLine();
            var shown = Math.Min(DetailLines, report.Detail.Count);
            text.AppendLine(Texts.ReportDetailHeading(shown, LevelName(report.Area.Level + 2)));
            AppendLines(text, report.Detail, DetailLines, regions, withParent: true);
        }

        text.AppendLine();
        if (report.Kader.Count == 0)
            text.AppendLine(Texts.KaderListEmpty);
        else if (report.IdleKader.Count == 0)
            text.AppendLine(Texts.ReportNoIdle);
        else
        {
            text.AppendLine(Texts.ReportIdleHeading(report.IdleDays, n(report.IdleKader.Count)));
            foreach (var k in report.IdleKader.Take(IdleLines))
                text.AppendLine(Texts.ReportIdleLine(k.Name, regions.Exists(k.Region) ? regions.NameOf(k.Region) : k.Region.Dotted,
                    k.LastFamilyAt is { } last ? IndonesianNumbers.Date(DateOnly.FromDateTime(last.ToOffset(Provinces.OffsetOf(zone)).DateTime)) : null));
            if (report.IdleKader.Count > IdleLines) text.AppendLine(Texts.ReportMore(report.IdleKader.Count - IdleLines));
        }

        text.AppendLine();
        text.Append(Waiting(report.Backlog, report.Now));
        return text.ToString();
    }

    /// <summary>A kader's own numbers: today, total against their target, and what still waits for the core.</summary>
    public static string KaderTally(DateOnly date, int today, int total, int? target, ForwardBacklog backlog)
    {
        var n = IndonesianNumbers.Count;
        var text = target is > 0
            ? Texts.KaderTallyTarget(IndonesianNumbers.Date(date), n(today), n(total), n(target.Value), IndonesianNumbers.Percent(Math.Round(total * 100m / target.Value, 1)))
            : Texts.KaderTally(IndonesianNumbers.Date(date), n(today), n(total));
        return backlog.Waiting > 0 ? text + "\n" + Texts.KaderTallyWaiting(n(backlog.Waiting)) : text;
    }

    public static string KaderList(ProgressReport report, RegionDirectory regions)
    {
        if (report.Kader.Count == 0) return Texts.KaderListEmpty;
        var offset = Provinces.OffsetOf(report.Area.TimeZone);
        var text = new StringBuilder(Texts.KaderListHeading(AreaName(report.Area, regions), report.Kader.Count));
        var rank = 0;
        foreach (var k in report.Kader)
        {
            var last = k.LastActivityAt is { } at
                ? $"{IndonesianNumbers.Date(DateOnly.FromDateTime(at.ToOffset(offset).DateTime))} {at.ToOffset(offset):HH.mm}"
                : Texts.KaderListNever;
            text.Append('\n').Append(Texts.KaderListLine(++rank, k.Name, regions.Exists(k.Region) ? regions.NameOf(k.Region) : k.Region.Dotted,
                IndonesianNumbers.Count(k.Families), IndonesianNumbers.Count(k.Today), last));
        }
        return text.ToString();
    }

    public static string Waiting(ForwardBacklog backlog, DateTimeOffset now) =>
        backlog is { Waiting: > 0, OldestSubmittedAt: { } oldest }
            ? Texts.ReportWaiting(IndonesianNumbers.Count(backlog.Waiting), IndonesianNumbers.Age(now - oldest))
            : Texts.ReportNothingWaiting;

    /// <summary>"Kabupaten Karanganyar", "Kecamatan Jatipuro", "Desa Ngepungsari": the list's own name, with the level where the name lacks it.</summary>
    public static string AreaName(RegionCode code, RegionDirectory regions)
    {
        if (!regions.Exists(code)) return code.Dotted;
        var name = regions.NameOf(code);
        return code.Level switch
        {
            RegionLevel.Kecamatan => $"Kecamatan {name}",
            RegionLevel.Desa => $"Desa/Kel. {name}",
            _ => name,
        };
    }

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Kabupaten => Texts.KabupatenPlural,
        RegionLevel.Kecamatan => Texts.KecamatanPlural,
        _ => Texts.DesaPlural,
    };

    private static string Total(AreaProgress total) =>
        total.Percent is { } percent
            ? Texts.ReportTotal(IndonesianNumbers.Count(total.Families), IndonesianNumbers.Count(total.Target!.Value), IndonesianNumbers.Percent(percent))
            : Texts.ReportTotalNoTarget(IndonesianNumbers.Count(total.Families));

    private static void AppendLines(StringBuilder text, IReadOnlyList<AreaProgress> lines, int max, RegionDirectory regions, bool withParent = false)
    {
        var rank = 0;
        foreach (var line in lines.Take(max))
        {
            var name = withParent && line.Code.Parent is { } parent && regions.Exists(parent) ? $"{line.Name} ({regions.NameOf(parent)})" : line.Name;
            text.AppendLine(line.Percent is { } percent
                ? Texts.ReportAreaLine(++rank, name, IndonesianNumbers.Count(line.Families), IndonesianNumbers.Count(line.Target!.Value), IndonesianNumbers.Percent(percent), IndonesianNumbers.Count(line.Today))
                : Texts.ReportAreaLineNoTarget(++rank, name, IndonesianNumbers.Count(line.Families), IndonesianNumbers.Count(line.Today)));
        }
        if (lines.Count > max && max == SubAreaLines) text.AppendLine(Texts.ReportMore(lines.Count - max));
    }
}
