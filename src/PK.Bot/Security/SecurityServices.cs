using Microsoft.Extensions.Options;
using PK.Bot.Persistence;

namespace PK.Bot.Security;

public static class SecurityServices
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.Section)
            .Validate(o => SecurityOptions.IsValidKey(o.DataKey), "Security:DataKey must be the base64 form of exactly 32 bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();
        services.AddSingleton(sp => DataKeySource.Resolve(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value,
            sp.GetRequiredService<BotDatabase>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILogger<DataProtector>>()));
        services.AddSingleton<DataKeyGuard>();
        return services;
    }
}
