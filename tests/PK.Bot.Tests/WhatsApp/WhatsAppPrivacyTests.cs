using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Tests.Support;
using Serilog.Core;

namespace PK.Bot.Tests.WhatsApp;

public sealed class WhatsAppPrivacyTests
{
    [Fact]
    public async Task NoNumberNikOrNameReachesTheLogsFromTheWhatsAppChannel()
    {
        var sink = new CapturingSink();
        await using var wa = await WhatsAppBot.StartAsync(new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Information",
            ["Serilog:MinimumLevel:Override:System"] = "Verbose",
        }, services => services.AddSingleton<ILogEventSink>(sink));
        var kader = await wa.AddRosterPersonAsync("Sri Wahyuningsih", "6281312345678");

        foreach (var text in new[] { "/mulai", "Jl. Melati 5", "081312345678", "3", "2 15 1 4", "Budi Santoso", "3313011708750001" })
            await wa.SayAsync("6281312345678", text);
        wa.Graph.Inject(GraphFault.ServerError);
        wa.Graph.Inject(GraphFault.Dropped);
        await wa.SayAsync("6281312345678", "ok");
        await wa.SayAsync("6282299998888", "halo, saya Wahyuningsih");

        var logged = sink.AllText();
        // What was logged names the chat by its masked number and the person by id: every turn, the link, both faults.
        const string chat = "\"whatsapp\":\"6281****678\"";
        Assert.Equal(8, Regex.Count(logged, $"Applied message \"wamid\\.in\\.\\d+\" of chat {Regex.Escape(chat)} for person {kader.Id}"));
        Assert.Contains($"WhatsApp chat linked to person {kader.Id} by their roster number", logged);
        Assert.Equal(2, Regex.Count(logged, $"Reply \\d+ to chat {Regex.Escape(chat)} not delivered"));
        Assert.DoesNotContain("81312345678", logged);
        Assert.DoesNotContain("82299998888", logged);
        Assert.DoesNotContain("3313011708750001", logged);
        Assert.DoesNotContain("Wahyuningsih", logged);
        Assert.DoesNotContain("Budi Santoso", logged);
    }
}
