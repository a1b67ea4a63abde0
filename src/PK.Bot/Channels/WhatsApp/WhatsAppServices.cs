using PK.Bot.Channels.Inbox;
using Microsoft.Extensions.Options;
using PK.Bot.Channels.WhatsApp.Flows;

namespace PK.Bot.Channels.WhatsApp;

public static class WhatsAppChannel
{
    public const string Name = "whatsapp";
}

public static class WhatsAppServices
{
    /// <summary>The WhatsApp channel: options always (validated only once the access token is set); the rest only when it is.</summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsValidator>();
        services.AddSingleton<WhatsAppTemplates>();
        services.AddWhatsAppFlows();
        if (string.IsNullOrWhiteSpace(configuration[$"{WhatsAppOptions.Section}:{nameof(WhatsAppOptions.AccessToken)}"])) return services;

        services.AddHttpClient(GraphApiClient.HttpClientName, (sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
            http.BaseAddress = o.ApiBase;
            http.Timeout = o.RequestTimeout;
        });
        services.AddSingleton<GraphApiClient>();
        services.AddSingleton<SendPace>();
        services.AddSingleton<IChannelSender, WhatsAppChannelSender>();
        services.AddSingleton<WhatsAppInbox>();
        services.AddSingleton<IInboxChannel, WhatsAppInboxChannel>();
        services.AddInbox();
        return services;
    }
}
