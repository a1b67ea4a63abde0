using PK.Bot.Admin;
using PK.Bot.Hosting;
using Serilog;

// The host's table of contents is BotHost.CreateBuilder; each verb of the command line lives in Admin/.
Log.Logger = BotLogging.CreateBootstrapLogger();
// Databases, backups and exports hold personal data: nothing the bot creates is readable by other users.
PK.Bot.Security.PrivateFiles.RestrictProcessUmask();
try
{
    // Failures reach the handlers below (and the log), not System.CommandLine's generic printer.
    return await BotCommandLine.Create(BotHost.CreateBuilder).Parse(args)
        .InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
