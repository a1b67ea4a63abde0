using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;

namespace PK.Bot.Tests.Support;

/// <summary>Settings and waits for a bot whose forwarder runs against a test core.</summary>
public static class ForwardingBot
{
    public static Dictionary<string, string> Settings(string kind, string? connectionString = null, int batchSize = 50) => new()
    {
        ["Core:Kind"] = kind,
        ["ConnectionStrings:Core"] = connectionString ?? "",
        ["Forwarding:BatchSize"] = batchSize.ToString(),
        ["Forwarding:PollInterval"] = "00:00:00.020",
        ["Forwarding:InitialRetryDelay"] = "00:00:00.020",
        ["Forwarding:MaxRetryDelay"] = "00:00:00.200",
        ["Forwarding:BreakerThreshold"] = "3",
        ["Forwarding:ConfigurationRetryDelay"] = "00:00:01",
        ["Forwarding:HttpTimeout"] = "00:00:00.300",
    };

    public static Task<int> CountAsync(this BotFixture bot, ForwardStatus status) =>
        bot.QueryAsync(db => db.SubmittedRecords.CountAsync(r => r.ForwardStatus == status));

    public static Task<ForwardingSnapshot> StatusAsync(this BotFixture bot) =>
        bot.App.Services.GetRequiredService<ForwardingBacklog>().GetAsync(default);

    public static Task WaitUntilNothingWaitsAsync(this BotFixture bot, int seconds = 30) =>
        Eventually.HoldsAsync(async () => await bot.CountAsync(ForwardStatus.Pending) == 0, "no record waits for the core", seconds);
}
