namespace PK.Bot.Reporting;

public sealed class ReportingOptions
{
    public const string Section = "Reports";

    /// <summary>Local time of day, in each area's own time zone, at which the daily messages go out.</summary>
    public TimeSpan DailyAt { get; set; } = new(17, 0, 0);

    /// <summary>A kader with no family submitted in this many days is listed in the koordinator's report.</summary>
    public int IdleKaderDays { get; set; } = 3;

    /// <summary>Whether kader get their own short tally at <see cref="DailyAt"/>.</summary>
    public bool KaderTally { get; set; } = true;

    /// <summary>How often the schedule looks for messages that are due.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the export worker looks for <c>/unduh</c> requests when nothing wakes it.</summary>
    public TimeSpan ExportCheckEvery { get; set; } = TimeSpan.FromSeconds(2);
}
