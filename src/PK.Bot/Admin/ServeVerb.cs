using System.CommandLine;
using PK.Bot.Channels.Console;
using PK.Bot.Hosting;

namespace PK.Bot.Admin;

/// <summary>No verb: serve every configured channel, the outbox and (later) forwarding; on a bare terminal, chat as well.</summary>
internal static class ServeVerb
{
    public static void Configure(RootCommand root, BotHostFactory hosts)
    {
        root.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).BuildServer();
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
