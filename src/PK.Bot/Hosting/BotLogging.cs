using PK.Bot.Logging;
using Serilog;
using Serilog.Events;

namespace PK.Bot.Hosting;

internal static class BotLogging
{
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Sink(new PrivacyMaskingSink(new LoggerConfiguration()
                .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose)
                .CreateLogger()))
            .CreateBootstrapLogger();

    /// <summary>
    /// Sinks come from configuration (and from sinks registered in DI, for tests), but every event passes
    /// the privacy mask first: the configured pipeline is an inner logger behind <see cref="PrivacyMaskingSink"/>.
    /// </summary>
    public static LoggerConfiguration ConfigureFrom(this LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services)
    {
        var inner = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .CreateLogger();
        var levels = configuration.GetSection("Serilog:MinimumLevel");
        logger.MinimumLevel.Is(ParseLevel(levels["Default"] ?? levels.Value, LogEventLevel.Information));
        foreach (var over in levels.GetSection("Override").GetChildren())
            logger.MinimumLevel.Override(over.Key, ParseLevel(over.Value, LogEventLevel.Information));
        return logger.Enrich.FromLogContext().WriteTo.Sink(new PrivacyMaskingSink(inner));
    }

    private static LogEventLevel ParseLevel(string? text, LogEventLevel fallback) =>
        Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) ? level : fallback;
}
