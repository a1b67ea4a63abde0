using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class HealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 14, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task HealthyIs200WithEveryCheckAndNoPersonalData()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await ReportingBot.StartAsync(clock);
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001");
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, clock.GetUtcNow()));

        var (status, body, text) = await GetHealthAsync(bot);

        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Empty(body["failing"]!.AsArray());
        var checks = body["checks"]!.AsObject();
        Assert.Superset(new HashSet<string> { "database", "forwarding", "outbox", "disk" }, checks.Select(c => c.Key).ToHashSet());
        Assert.Contains("1 waiting", (string?)checks["forwarding"]!["detail"]);
        foreach (var personal in new[] { "Siti", "Budi", FamilySet.KkNik, "81311110001", FamilySet.Phone })
            Assert.DoesNotContain(personal, text);
    }

    [Fact]
    public async Task AReadOnlyDatabaseIs503NamingTheDatabase()
    {
        var clock = new FakeTimeProvider(Start);
        var readOnly = new ReadOnlySwitch();
        await using var bot = await ReportingBot.StartAsync(clock, services: s => s.AddSingleton<IInterceptor>(readOnly));
        Assert.Equal(HttpStatusCode.OK, (await GetHealthAsync(bot)).Status);

        readOnly.On = true;
        var (status, body, text) = await GetHealthAsync(bot);

        Assert.True(status == HttpStatusCode.ServiceUnavailable, text);
        Assert.Equal("unhealthy", (string?)body["status"]);
        Assert.Equal(["database"], body["failing"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("not writable", (string?)body["checks"]!["database"]!["detail"]);
    }

    [Fact]
    public async Task ABacklogOlderThanStaleAfterIs503NamingForwarding()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string> { ["Forwarding:StaleAfter"] = "02:00:00" });
        var kader = await bot.AddPersonAsync("Siti Aminah", "6281311110001");
        await FamilySet.AddAsync(bot, kader.Id, FamilySet.Record("33.13.01.2001", kader.Id, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.OK, (await GetHealthAsync(bot)).Status);

        clock.Advance(TimeSpan.FromMinutes(2));
        var (status, body, text) = await GetHealthAsync(bot);

        Assert.True(status == HttpStatusCode.ServiceUnavailable, text);
        Assert.Equal(["forwarding"], body["failing"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("limit 2 h", (string?)body["checks"]!["forwarding"]!["detail"]);
    }

    [Fact]
    public async Task AChannelFailingLongerThanItsThresholdIs503UntilItIsReachedAgain()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await ReportingBot.StartAsync(clock, new Dictionary<string, string>
        {
            ["Health:ChannelFailingAfterByChannel:test"] = "00:10:00",
            ["Health:OutboxStaleAfter"] = "01:00:00",
        });
        await bot.AddPersonAsync("Siti Aminah", "6281311110001", chatId: "c1");
        bot.Sender.FailNext(1_000);
        await bot.Dispatcher.DispatchAsync(Messages.Text("c1", "m1", "/bantuan"));
        await Eventually.HoldsAsync(() => Task.FromResult(bot.Sender.Attempts >= 1), "the sender tried once", 30);
        var early = await GetHealthAsync(bot);
        Assert.True(early.Status == HttpStatusCode.OK, early.Text);
        Assert.Contains("failing for", (string?)early.Body["checks"]!["channel:test"]!["detail"]);

        clock.Advance(TimeSpan.FromMinutes(11));
        var (status, body, text) = await GetHealthAsync(bot);
        Assert.True(status == HttpStatusCode.ServiceUnavailable, text);
        Assert.Equal(["channel:test"], body["failing"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("never reached", (string?)body["checks"]!["channel:test"]!["detail"]);

        bot.Sender.FailNext(0);
        clock.Advance(TimeSpan.FromMinutes(2)); // the reply's retry falls due
        await bot.Sender.WaitForAsync("c1", 1);
        await Eventually.HoldsAsync(async () => (await GetHealthAsync(bot)).Status == HttpStatusCode.OK, "/healthz answers 200 again", 30);
    }

    [Fact]
    public async Task TheHealthzVerbExitsZeroWhenHealthyAndOneWhenNot()
    {
        var clock = new FakeTimeProvider(Start);
        var readOnly = new ReadOnlySwitch();
        await using var bot = await ReportingBot.StartAsync(clock, services: s => s.AddSingleton<IInterceptor>(readOnly));
        using var folder = new TempFolder();

        var healthy = await BotProcess.RunAsync(folder.Path, "", "healthz", $"--Urls={Address(bot)}");
        Assert.True(healthy.ExitCode == 0, healthy.Stderr);
        Assert.True(healthy.Stdout.Contains("\"status\":\"healthy\"", StringComparison.Ordinal), healthy.Stdout + healthy.Stderr);

        readOnly.On = true;
        var unhealthy = await BotProcess.RunAsync(folder.Path, "", "healthz", "--url", Address(bot).ToString());
        Assert.Equal(1, unhealthy.ExitCode);
        Assert.True(unhealthy.Stdout.Contains("\"failing\":[\"database\"]", StringComparison.Ordinal), unhealthy.Stdout + unhealthy.Stderr);
        Assert.False(Directory.Exists(folder.File("data")), "the verb asks the bot; it opens no database of its own");
    }

    internal static Uri Address(BotFixture bot) =>
        new(bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    internal static async Task<(HttpStatusCode Status, JsonObject Body, string Text)> GetHealthAsync(BotFixture bot)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Address(bot), "/healthz"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), text);
    }

}
