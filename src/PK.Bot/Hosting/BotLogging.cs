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
            .WriteToRollingFile(configuration)
            .CreateLogger();
        var levels = configuration.GetSection("Serilog:MinimumLevel");
        logger.MinimumLevel.Is(ParseLevel(levels["Default"] ?? levels.Value, LogEventLevel.Information));
        foreach (var over in levels.GetSection("Override").GetChildren())
            logger.MinimumLevel.Override(over.Key, ParseLevel(over.Value, LogEventLevel.Information));
        return logger.Enrich.FromLogContext().WriteTo.Sink(new PrivacyMaskingSink(inner));
    }

    /// <summary>
    /// <c>Logs:File:Path</c> (e.g. <c>/var/log/pk-bot/pk-bot-.log</c>; the date goes before the extension): every log
    /// line to a file as well, a new file each day or at <c>Logs:File:MaxSizeMegabytes</c>, the newest
    /// <c>Logs:File:RetainedFiles</c> kept. It sits behind the privacy mask like every other sink.
    /// </summary>
    private static LoggerConfiguration WriteToRollingFile(this LoggerConfiguration logger, IConfiguration configuration)
    {
        var file = configuration.GetSection("Logs:File");
        if (string.IsNullOrWhiteSpace(file["Path"])) return logger;
        return logger.WriteTo.File(
            Path.GetFullPath(file["Path"]!),
            outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
            fileSizeLimitBytes: file.GetValue("MaxSizeMegabytes", 50L) * 1024 * 1024,
            rollingInterval: RollingInterval.Day,
            rollOnFileSizeLimit: true,
            retainedFileCountLimit: file.GetValue("RetainedFiles", 14),
            shared: false);
    }

    private static LogEventLevel ParseLevel(string? text, LogEventLevel fallback) =>
        Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) ? level : fallback;
}
