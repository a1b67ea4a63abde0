using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>The Http core sink against a core on loopback that follows docs/core-http-contract.md.</summary>
public sealed class HttpCoreTests : IAsyncLifetime
{
    private FakeCore core = null!;

    public async Task InitializeAsync() => core = await FakeCore.StartAsync();

    private Task<BotFixture> StartBotAsync(string apiKey = FakeCore.ApiKey, string configurationRetryDelay = "00:00:01")
    {
        var settings = ForwardingBot.Settings("Http", batchSize: 10);
        settings["Forwarding:ConfigurationRetryDelay"] = configurationRetryDelay;
        settings["Core:Url"] = core.Url;
        settings["Core:ApiKey"] = apiKey;
        return BotFixture.StartAsync(settings: settings);
    }

    [Fact]
    public async Task ServerErrorsAndTimeoutsAreRetriedUntilTheCoreTakesEveryRecordOnce()
    {
        core.ThenStatus(503, times: 2);
        core.ThenHang(TimeSpan.FromSeconds(3));
        core.ThenStatus(429);
        core.ThenStatus(500);
        await using var bot = await StartBotAsync();
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.CreateVersion7()).ToList();
        await FamilyRecords.QueueAsync(bot.App.Services, ids.Select(id => FamilyRecords.Payload(id)));

        await bot.WaitUntilNothingWaitsAsync();

        Assert.Equal(ids.Select(id => $"{id:D}:1").Order(), core.Stored.Keys.Order());
        Assert.Equal(12, await bot.CountAsync(ForwardStatus.Delivered));
        Assert.Contains(core.Requests, r => r.Authorization == $"Bearer {FakeCore.ApiKey}");
        Assert.Contains("3313011708750001", core.Stored.Values.First());
    }

    [Fact]
    public async Task AnUnauthorizedCoreIsAConfigurationErrorRetriedSlowlyAndShownInTheStatus()
    {
        await using var bot = await StartBotAsync(apiKey: "wrong-key", configurationRetryDelay: "00:00:05");
        await FamilyRecords.QueueAsync(bot.App.Services, [FamilyRecords.Payload(Guid.CreateVersion7())]);

        await Eventually.HoldsAsync(async () => (await bot.StatusAsync()).ConfigurationError, "forward status shows the configuration error");
        var seen = core.Requests.Count;
        // A transient failure would be retried within 200 ms here; a configuration error waits 5 s.
        await Task.Delay(1000);

        var status = await bot.StatusAsync();
        Assert.Equal(1, status.Waiting);
        Assert.Contains("401", status.LastError);
        Assert.True(core.Requests.Count - seen <= 1, $"{core.Requests.Count - seen} more requests within a second: not slow");
        Assert.True(status.NextAttemptAt - status.LastErrorAt >= TimeSpan.FromSeconds(4));
        Assert.Empty(core.Stored);
    }

    [Fact]
    public async Task AnInvalidRecordIsRejectedAndAConflictSetAsideWhileTheRestFlow()
    {
        await using var bot = await StartBotAsync();
        var (invalid, conflicting, repeated) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        core.Invalid[$"{invalid:D}:1"] = true;
        core.Stored[$"{conflicting:D}:1"] = FamilyRecords.Payload(conflicting, street: "Jl. Kenanga 9");
        var repeatedPayload = FamilyRecords.Payload(repeated);
        core.Stored[$"{repeated:D}:1"] = repeatedPayload;
        var others = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();
        await FamilyRecords.QueueAsync(bot.App.Services,
            [FamilyRecords.Payload(invalid), FamilyRecords.Payload(conflicting), repeatedPayload, .. others.Select(id => FamilyRecords.Payload(id))]);

        await bot.WaitUntilNothingWaitsAsync();

        var rows = await bot.QueryAsync(db => db.SubmittedRecords.ToDictionaryAsync(r => r.RecordId));
        Assert.Equal(ForwardStatus.Rejected, rows[invalid].ForwardStatus);
        Assert.Contains("422", rows[invalid].LastError);
        Assert.Equal(ForwardStatus.Conflict, rows[conflicting].ForwardStatus);
        Assert.Contains("409", rows[conflicting].LastError);
        Assert.Equal(ForwardStatus.Delivered, rows[repeated].ForwardStatus);
        Assert.All(others, id => Assert.Equal(ForwardStatus.Delivered, rows[id].ForwardStatus));
        Assert.Contains("Jl. Kenanga 9", core.Stored[$"{conflicting:D}:1"]);
        Assert.Equal(repeatedPayload, core.Stored[$"{repeated:D}:1"]);
        Assert.Equal(7, core.Stored.Count);
    }

    public async Task DisposeAsync() => await core.DisposeAsync();
}
