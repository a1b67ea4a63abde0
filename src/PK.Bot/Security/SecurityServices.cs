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
        services.AddSingleton(sp => CreateProtector(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value,
            sp.GetRequiredService<BotDatabase>(),
            sp.GetRequiredService<ILogger<DataProtector>>()));
        return services;
    }

    private static DataProtector CreateProtector(SecurityOptions options, BotDatabase database, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.DataKey))
            return new DataProtector(Convert.FromBase64String(options.DataKey.Trim()));

        // Development convenience only: a generated key kept beside the database.
        var keyFile = Path.Combine(database.Directory, "pk-bot.key");
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(database.Directory);
            File.WriteAllText(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogWarning("Security:DataKey is not set; generated a data key in {KeyFile}. Set Security:DataKey in production and keep it safe: without it the encrypted columns cannot be read", keyFile);
        }
        else
        {
            logger.LogWarning("Security:DataKey is not set; using the data key in {KeyFile}", keyFile);
        }
        return new DataProtector(Convert.FromBase64String(File.ReadAllText(keyFile).Trim()));
    }
}
