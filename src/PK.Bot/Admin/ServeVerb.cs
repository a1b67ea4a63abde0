using System.CommandLine;
using PK.Bot.Channels.Console;
using PK.Bot.Hosting;
using PK.Bot.Operations;
using PK.Bot.Persistence;

namespace PK.Bot.Admin;

/// <summary>No verb: serve every configured channel, the outbox and (later) forwarding; on a bare terminal, chat as well.</summary>
internal static class ServeVerb
{
    /// <summary>The exit code of a start refused because another bot serves the same database.</summary>
    public const int AlreadyServing = 3;

    public static void Configure(RootCommand root, BotHostFactory hosts)
    {
        root.SetAction(async (parse, ct) =>
        {
            var builder = hosts(parse);
            // Two bots on one database would send every report twice and fight over the outbox: the second one stops here.
            var database = new BotDatabase(builder.Configuration);
            using var instance = InstanceLock.TryAcquire(database.FilePath, out var holder);
            if (instance is null)
            {
                await Console.Error.WriteLineAsync($"Another PK Bot already serves {database.FilePath}: {holder}. Stop it first; this one does not start.");
                return AlreadyServing;
            }
            await using var app = builder.BuildServer();
            await app.StartAsync(ct);
            if (ChatChannelConfigured(app.Configuration) || Console.IsInputRedirected)
            {
                await app.WaitForShutdownAsync(ct);
                return 0;
            }

            var kader = await ConsoleKader.FirstOrDemoAsync(app.Services, ct);
            await Console.Error.WriteLineAsync(PK.Domain.Texts.ConsoleReady);
            var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
            try
            {
                await app.Services.GetRequiredService<ConsoleChat>().RunAsync(kader, Console.In, both.Token);
            }
            catch (OperationCanceledException) when (both.IsCancellationRequested)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
    }

    private static bool ChatChannelConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) || !string.IsNullOrWhiteSpace(configuration["WhatsApp:AccessToken"]);
}
