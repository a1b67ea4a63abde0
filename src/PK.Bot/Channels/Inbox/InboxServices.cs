using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.Inbox;

public static class InboxServices
{
    /// <summary>The inbox pipeline, once, for every platform channel that registers an <see cref="IInboxChannel"/>.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(InboxPipeline))) return services;
        services.AddOptions<InboxOptions>()
            .BindConfiguration(InboxOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Inbox:MaxAttempts must be at least 1.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "Inbox:RetryDelay must be positive.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Inbox:BatchSize must be between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton<InboxPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxPipeline>());
        return services;
    }
}
