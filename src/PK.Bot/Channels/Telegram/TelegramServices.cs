using Microsoft.Extensions.Options;
using PK.Bot.Channels.Inbox;
using Telegram.Bot;

namespace PK.Bot.Channels.Telegram;

public static class TelegramServices
{
    /// <summary>The Telegram channel, when <c>Telegram:BotToken</c> is set; the section is validated at start only then.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section);
        if (!IsConfigured(configuration)) return services;
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) })
            {
                // Long polling holds a request open for PollTimeout; sends have their own shorter timeout.
                Timeout = o.PollTimeout + TimeSpan.FromSeconds(30),
            };
            var baseUrl = string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? null : o.ApiBaseUrl;
            // 429s are ours to handle (the outbox reschedules), not the client's to sleep through.
            return new TelegramBotClient(new TelegramBotClientOptions(o.BotToken!, baseUrl) { RetryCount = 0, RetryThreshold = 0 }, http);
        });
        services.AddSingleton<TelegramRateLimiter>();
        services.AddSingleton<TelegramChannelSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<TelegramChannelSender>());
        services.AddSingleton<TelegramRegistration>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddSingleton<TelegramInbox>();
        services.AddSingleton<Inbox.IInboxChannel>(sp => sp.GetRequiredService<TelegramInbox>());
        services.AddInbox();
        services.AddHostedService<TelegramReceiver>();
        return services;
    }

    /// <summary><c>POST /telegram/webhook</c>, in webhook mode.</summary>
    public static WebApplication MapTelegram(this WebApplication app)
    {
        if (IsConfigured(app.Configuration) && app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.Mode == TelegramMode.Webhook)
            app.MapPost(TelegramInbox.Path, (HttpContext http, TelegramInbox inbox) => inbox.ReceiveAsync(http));
        return app;
    }

    private static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]);

    private sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelegramOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
