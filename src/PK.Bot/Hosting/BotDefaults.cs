using Microsoft.Extensions.Configuration.Memory;

namespace PK.Bot.Hosting;

/// <summary>Defaults that hold when no settings file says otherwise (the settings files live in the working directory).</summary>
internal static class BotDefaults
{
    public const string BotConnectionString = "Data Source=data/pk-bot.db";

    public static MemoryConfigurationSource Source() => new()
    {
        InitialData = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = BotConnectionString,
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Information",
            ["Serilog:MinimumLevel:Override:System"] = "Warning",
            ["Serilog:WriteTo:0:Name"] = "Console",
            // stdout carries only the conversation; every log line goes to stderr.
            ["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose",
            ["Serilog:WriteTo:0:Args:outputTemplate"] = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
            ["Serilog:Enrich:0"] = "FromLogContext",
        },
    };
}
