using PK.Bot.Channels;
using PK.Bot.Channels.Telegram;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Turns;
using PK.Bot.Dashboard;
using PK.Bot.Forwarding;
using PK.Bot.Operations;
using PK.Bot.Persistence;
using PK.Bot.Regions;
using PK.Bot.Reporting;
using PK.Bot.Security;
using Serilog;

namespace PK.Bot.Hosting;

/// <summary>Builds the one host every verb starts from: configuration, logging, and the bot's parts.</summary>
public static class BotHost
{
    public static WebApplicationBuilder CreateBuilder(string[] configurationArgs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs });
        builder.Configuration.Sources.Insert(0, BotDefaults.Source());
        // Each host keeps its own logger (the static one stays the bootstrap logger for start-up failures),
        // so hosts side by side in one process (tests) never write into each other's sinks.
        builder.Services.AddSerilog((services, logger) => logger.ConfigureFrom(builder.Configuration, services), preserveStaticLogger: true);

        builder.Services
            .AddSecurity()
            .AddPersistence()
            .AddRegions()
            .AddConversations()
            .AddChannels()
            .AddTelegram(builder.Configuration)
            .AddWhatsApp(builder.Configuration)
            .AddForwarding()
            .AddReporting()
            .AddOperations(builder.Configuration)
            .AddDashboard();
        return builder;
    }

    /// <summary>The serving application: HTTP endpoints on top of the host.</summary>
    public static WebApplication BuildServer(this WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapOperations();
        app.MapTelegram();
        app.MapWhatsAppWebhook();
        app.MapDashboard();
        return app;
    }
}
