using System.CommandLine;
using Microsoft.Extensions.Options;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Channels.WhatsApp.Flows;
using PK.Domain.Forms;

namespace PK.Bot.Admin;

/// <summary><c>whatsapp flows publish</c>: creates (or updates) and publishes every screen kind's Flow, and prints the ids to configure.</summary>
internal sealed class WhatsAppFlowsPublishVerb : IVerb
{
    public string? Group => "whatsapp flows";

    public Command Build(BotHostFactory hosts)
    {
        var command = new Command("publish", "Create or update and publish the WhatsApp Flows through the Graph API (needs WhatsApp:AccessToken and WhatsApp:Flows:WabaId).");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            var whatsApp = app.Services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
            var flows = app.Services.GetRequiredService<IOptions<WhatsAppFlowOptions>>().Value;
            if (!whatsApp.Configured)
            {
                await Console.Error.WriteLineAsync("WhatsApp:AccessToken belum diisi.");
                return 2;
            }
            using var http = new HttpClient { Timeout = whatsApp.RequestTimeout };
            try
            {
                var ids = await FlowPublisher.PublishAsync(http, whatsApp, flows, FormLoader.Pk21, ct);
                foreach (var (kind, id) in ids) Console.WriteLine($"{WhatsAppFlowOptions.Section}:Ids:{kind}={id}");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 1;
            }
        });
        return command;
    }
}
