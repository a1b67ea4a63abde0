using PK.Bot.Hosting;
using PK.Bot.Channels.Console;

namespace PK.Bot.Channels;

public static class ChannelServices
{
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.InitialRetryDelay > TimeSpan.Zero, "Outbox:InitialRetryDelay must be positive.")
            .Validate(o => o.MaxRetryDelay >= o.InitialRetryDelay, "Outbox:MaxRetryDelay must not be shorter than Outbox:InitialRetryDelay.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Outbox:PollInterval must be positive.")
            .Validate(o => o.Parallelism is > 0 and <= 256, "Outbox:Parallelism must be between 1 and 256.")
            .ValidateOnStart();
        services.AddSingleton(typeof(WakeSignal<>));
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddSingleton(_ => new ConsoleOutput(System.Console.Out));
        services.AddSingleton<IChannelSender, ConsoleChannelSender>();
        services.AddSingleton<ConsoleChat>();
        return services;
    }
}
