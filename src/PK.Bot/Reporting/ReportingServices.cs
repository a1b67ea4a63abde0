using PK.Bot.Hosting;
using PK.Bot.Turns;

namespace PK.Bot.Reporting;

public static class ReportingServices
{
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddOptions<ReportingOptions>()
            .BindConfiguration(ReportingOptions.Section)
            .Validate(o => o.DailyAt >= TimeSpan.Zero && o.DailyAt < TimeSpan.FromDays(1), "Reports:DailyAt must be a time of day, e.g. 17:00.")
            .Validate(o => o.IdleKaderDays >= 1, "Reports:IdleKaderDays must be 1 or more.")
            .Validate(o => o.CheckEvery > TimeSpan.Zero, "Reports:CheckEvery must be positive.")
            .Validate(o => o.ExportCheckEvery > TimeSpan.Zero, "Reports:ExportCheckEvery must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ReportFiles>();
        services.AddScoped<DailyReports>();
        services.AddScoped<IHostCommand, ProgresCommand>();
        services.AddScoped<IHostCommand, KaderCommand>();
        services.AddScoped<IHostCommand, UnduhCommand>();
        services.AddSingleton<ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportWorker>());
        services.AddSingleton<DailyReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyReportScheduler>());
        return services;
    }
}
