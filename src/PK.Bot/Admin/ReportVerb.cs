using System.CommandLine;
using System.Globalization;
using PK.Bot.Reporting;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Admin;

/// <summary><c>report --area CODE [--date YYYY-MM-DD]</c>: the daily report as it would be sent (the operator sees every area).</summary>
internal sealed class ReportVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var area = new Option<string>("--area") { Description = "Kemendagri code, dotted or plain (33.13 or 3313).", Required = true };
        var date = new Option<string?>("--date") { Description = "The local day to report (YYYY-MM-DD); today in the area's time zone when left out." };
        var command = new Command("report", "Print the daily progress report of an area.") { area, date };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            var regions = app.Services.GetRequiredService<RegionDirectory>();
            if (!RegionCode.TryParse(parse.GetValue(area), out var code) || !regions.Exists(code))
            {
                await Console.Error.WriteLineAsync($"--area: {parse.GetValue(area)} bukan kode wilayah yang dikenal (contoh 33.13 atau 3313).");
                return 2;
            }
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var day = ProgressQueries.LocalDate(code, now);
            await using var scope = app.Services.CreateAsyncScope();
            var reports = scope.ServiceProvider.GetRequiredService<DailyReports>();
            if (parse.GetValue(date) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                {
                    await Console.Error.WriteLineAsync($"--date: {text} bukan tanggal YYYY-MM-DD.");
                    return 2;
                }
                // A past day is reported as at its scheduled hour.
                var due = reports.DueAt(code, day);
                if (due < now) now = due;
            }
            var report = await reports.ReportAsync(ReportScope.Operator(code), code, day, now, ct);
            Console.WriteLine(ReportText.Daily(report, regions));
            return 0;
        });
        return command;
    }
}
