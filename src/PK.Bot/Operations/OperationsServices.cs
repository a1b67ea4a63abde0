using OpenTelemetry.Metrics;
using PK.Bot.Forwarding;

namespace PK.Bot.Operations;

/// <summary>Health, metrics, backups and retention: what lets a bot run a season unattended.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        // The instruments always count (they cost nothing unheard); the Prometheus endpoint is opt-in.
        if (MetricsEnabled(configuration))
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.Section)
            .Configure(o =>
            {
                if (configuration.GetValue<TimeSpan?>("Forwarding:StaleAfter") is { } stale) o.BacklogStaleAfter = stale;
            })
            .Validate(o => o.ChannelFailingAfter > TimeSpan.Zero, "Health:ChannelFailingAfter must be positive.")
            .Validate(o => o.OutboxStaleAfter > TimeSpan.Zero, "Health:OutboxStaleAfter must be positive.")
            .Validate(o => o.BacklogStaleAfter > TimeSpan.Zero, "Forwarding:StaleAfter must be positive.")
            .Validate(o => o.MinFreeDiskMegabytes >= 0, "Health:MinFreeDiskMegabytes must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<HealthCheck>();

        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.Section)
            .Validate(o => o.Keep >= 1, "Backup:Keep must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<DatabaseRestore>();
        services.AddSingleton<DailyBackup>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyBackup>());

        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero, "Retention:Interval must be positive.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Retention:BatchSize must be between 1 and 10000.")
            .Validate(o => o.ProcessedMessagesAfter >= RetentionOptions.RedeliveryWindow && o.AppliedInboxAfter >= RetentionOptions.RedeliveryWindow
                    && o.DeliveryStatusesAfter >= RetentionOptions.RedeliveryWindow && o.SentRepliesAfter >= RetentionOptions.RedeliveryWindow,
                "Retention:ProcessedMessagesAfter, AppliedInboxAfter, DeliveryStatusesAfter and SentRepliesAfter must be at least 8 days (WhatsApp redelivers webhooks for up to 7 days).")
            .ValidateOnStart();
        services.AddSingleton<RetentionPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPruner>());
        return services;
    }

    /// <summary><c>Metrics:Enabled</c>: export the bot's metrics in Prometheus format at <c>/metrics</c>.</summary>
    public static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", false);

    /// <summary>The serving host's endpoints: <c>GET /healthz</c> (always) and <c>GET /metrics</c> (when enabled).</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        if (MetricsEnabled(app.Configuration))
        {
            // The backlog gauges show the backlog as of this scrape.
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
            {
                var services = context.RequestServices;
                services.GetRequiredService<BotMetrics>().BacklogObserved(await services.GetRequiredService<ForwardingBacklog>().GetAsync(context.RequestAborted));
                await next(context);
            }));
            app.MapPrometheusScrapingEndpoint();
        }
        app.MapGet("/healthz", async (HealthCheck health, CancellationToken ct) =>
        {
            var report = await health.RunAsync(ct);
            return Results.Json(HealthJson(report), statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>The body of <c>/healthz</c>: overall status, the failing checks by name, and every check's detail.</summary>
    public static object HealthJson(HealthReport report) => new
    {
        status = report.Healthy ? "healthy" : "unhealthy",
        failing = report.Failing.ToArray(),
        checks = report.Checks.ToDictionary(c => c.Name, c => new { healthy = c.Healthy, detail = c.Detail }),
        setAsideMessages = report.SetAsideMessages,
    };
}
