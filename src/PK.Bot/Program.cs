using PK.Bot.Admin;
using PK.Bot.Hosting;
using Serilog;

// The host's table of contents is BotHost.CreateBuilder; each verb of the command line lives in Admin/.
Log.Logger = BotLogging.CreateBootstrapLogger();
// Databases, backups and exports hold personal data: nothing the bot creates is readable by other users.
PK.Bot.Security.PrivateFiles.RestrictProcessUmask();
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
catch (Exception ex) when (PK.Bot.Security.DataKeyException.Find(ex) is { } key)
{
    // One line an operator can act on, no stack trace: the message names the setting.
    await Console.Error.WriteLineAsync(key.Message);
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
