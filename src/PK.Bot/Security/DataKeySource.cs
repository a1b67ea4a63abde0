using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;

namespace PK.Bot.Security;

/// <summary>
/// Where the data key comes from: <c>Security:DataKey</c>, or (Development and the demo only) a key file beside the
/// database. A key is generated only for a database that holds no encrypted data yet; in Production none is.
/// </summary>
public static class DataKeySource
{
    public const string KeyFileName = "pk-bot.key";

    public static DataProtector Resolve(SecurityOptions options, BotDatabase database, IHostEnvironment environment, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.DataKey))
            return new DataProtector(Parse(options.DataKey, "Security:DataKey"));
        if (environment.IsProduction())
            throw new DataKeyException(
                "Security:DataKey is not set. In Production the bot needs its data key in configuration (e.g. the environment variable Security__DataKey); " +
                $"the key file beside the database is only for Development and the demo. A new database: `openssl rand -base64 32`, and keep the key safe.");

        var keyFile = Path.Combine(database.Directory, KeyFileName);
        if (File.Exists(keyFile))
        {
            logger.LogWarning("Security:DataKey is not set; using the data key in {KeyFile}", keyFile);
            return new DataProtector(Parse(File.ReadAllText(keyFile), keyFile));
        }
        if (DataKeyGuard.HoldsEncryptedData(database))
            throw new DataKeyException(
                $"Security:DataKey is not set and the key file {keyFile} is missing, but {database.FilePath} holds encrypted data: " +
                "set Security:DataKey to the key the data was written with (a new key would not open it; none was generated).");

        // Development convenience only: a generated key kept beside the database, readable by its owner alone.
        PrivateFiles.CreateDirectory(database.Directory);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        PrivateFiles.WriteAllText(keyFile, Convert.ToBase64String(key) + "\n");
        logger.LogWarning("Security:DataKey is not set; generated a data key in {KeyFile}. Set Security:DataKey in production and keep it safe: without it the encrypted columns cannot be read", keyFile);
        return new DataProtector(key);
    }

    /// <summary>The 32 bytes of a base64 key, or a one-line refusal naming where the key came from.</summary>
    public static byte[] Parse(string? text, string name)
    {
        var buffer = new byte[64];
        if (string.IsNullOrWhiteSpace(text) || !Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != 32)
            throw new DataKeyException($"{name} must be the base64 form of exactly 32 bytes (e.g. `openssl rand -base64 32`).");
        return buffer[..32];
    }
}
