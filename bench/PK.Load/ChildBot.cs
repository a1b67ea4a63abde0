using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Load;

/// <summary>
/// The real bot as a child process on its own data folder: the roster is seeded (and the database migrated) through
/// an in-process <see cref="LoadBot"/> that is stopped before the child starts, then the built PK.Bot.dll serves in
/// the Production environment with <c>Security:DataKey</c> set.
/// </summary>
public static class ChildBot
{
    /// <summary>Kader 0..n-1 on the roster, each with a phone of their own and their chat on <paramref name="channel"/> linked.</summary>
    public static async Task SeedAsync(string dataDir, string channel, IReadOnlyList<string> chatIds, Func<int, string> phone, IReadOnlyDictionary<string, string> settings)
    {
        await using var bot = await LoadBot.StartAsync(dataDir, Quiet(settings));
        await using var scope = bot.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var linked = await db.ChatLinks.Where(l => l.Channel == channel).Select(l => l.ChatId).ToHashSetAsync();
        var now = DateTimeOffset.UtcNow;
        for (var k = 0; k < chatIds.Count; k++)
        {
            if (linked.Contains(chatIds[k])) continue;
            var id = Guid.NewGuid();
            db.People.Add(new Person { Id = id, Name = $"Kader Beban {k}", PhoneDigits = phone(k), Role = Role.Kader, RegionCode = "33.13.01.2001", CreatedAt = now, UpdatedAt = now });
            db.ChatLinks.Add(new ChatLink { Channel = channel, ChatId = chatIds[k], PersonId = id, LinkedAt = now });
        }
        await db.SaveChangesAsync();
    }

    private static Dictionary<string, string> Quiet(IReadOnlyDictionary<string, string> settings)
    {
        var quiet = new Dictionary<string, string> { ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning" };
        foreach (var (key, value) in settings) quiet[key] = value;
        return quiet;
    }

    /// <summary>Starts PK.Bot.dll on the seeded folder with these settings on top of the load defaults.</summary>
    public static ChildProcess Start(string dataDir, IReadOnlyDictionary<string, string> channelSettings, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(dataDir, "pk-bot.db")}",
            ["ConnectionStrings:Core"] = $"Data Source={Path.Combine(dataDir, "pk-core.db")}",
            ["Urls"] = "http://127.0.0.1:0",
            ["Reports:KaderTally"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in channelSettings) settings[key] = value;
        foreach (var (key, value) in overrides) settings[key] = value;
        return ChildProcess.Start(ChildProcess.Sibling(Path.Combine("src", "PK.Bot"), "PK.Bot.dll"), dataDir, settings,
            new Dictionary<string, string> { ["Security__DataKey"] = LoadBot.DataKey });
    }

    /// <summary>The channel's inbox after the child stopped: all rows, those still waiting, those set aside.</summary>
    public static (long All, long Waiting, long SetAside) InboxCounts(string dataDir, string channel)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "pk-bot.db")};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*),
                   COALESCE(SUM(ProcessedAt IS NULL AND SetAsideAt IS NULL), 0),
                   COALESCE(SUM(SetAsideAt IS NOT NULL), 0)
            FROM inbox_messages WHERE Channel = $channel
            """;
        command.Parameters.AddWithValue("$channel", channel);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
