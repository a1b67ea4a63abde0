using PK.Bot.Admin;
using PK.Bot.Hosting;
using Serilog;

// The host's table of contents is BotHost.CreateBuilder; each verb of the command line lives in Admin/.
Log.Logger = BotLogging.CreateBootstrapLogger();
try
{
    // A typo exits 2 before any host is built; other failures reach the handlers below (and the log).
    return await BotCommandLine.RunAsync(args, BotHost.CreateBuilder);
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Log.Fatal("Konfigurasi tidak valid: {Failures}", string.Join("; ", ex.Failures));
    return 1;
}
catch (Exception ex)
{
    Log.Fatal(ex, "PK Bot stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to tests that need the entry assembly.</summary>
public partial class Program;
