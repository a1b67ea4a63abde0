using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Reporting;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Support;

/// <summary>The real host on fake time, with helpers to ask reporting questions.</summary>
public static class ReportingBot
{
    /// <summary>
    /// Starts the bot with its core database down (an Http core on a closed loopback port), so families stay
    /// waiting as the test left them; the forwarder's own behaviour is tested under Forwarding/.
    /// </summary>
    public static Task<BotFixture> StartAsync(FakeTimeProvider clock, IDictionary<string, string>? settings = null, TempFolder? folder = null, Action<IServiceCollection>? services = null)
    {
        var withCoreDown = new Dictionary<string, string>
        {
            ["Core:Kind"] = "Http",
            ["Core:Url"] = "http://127.0.0.1:9/records",
            ["Core:ApiKey"] = "test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) withCoreDown[key] = value;
        return BotFixture.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        }, withCoreDown, folder);
    }

    extension(BotFixture bot)
    {
        public RegionDirectory Regions => bot.App.Services.GetRequiredService<RegionDirectory>();

        public async Task<ProgressReport> ReportAsync(ReportScope scope, RegionCode area, DateOnly date)
        {
            await using var scoped = bot.App.Services.CreateAsyncScope();
            var reports = scoped.ServiceProvider.GetRequiredService<DailyReports>();
            var now = bot.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            return await reports.ReportAsync(scope, area, date, now, CancellationToken.None);
        }
    }
}
