using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Persistence;

namespace PK.Bot.Tests.Support;

/// <summary>The real host talking through the real Telegram.Bot client to a <see cref="FakeBotApi"/> on loopback.</summary>
public sealed class TelegramHarness : IAsyncDisposable
{
    public const string WebhookSecret = "rahasia_webhook-123";

    private TelegramHarness(FakeBotApi api, BotFixture bot)
    {
        Api = api;
        Bot = bot;
    }

    public FakeBotApi Api { get; }
    public BotFixture Bot { get; }

    /// <summary>The day the domain's family-of-four script was written for (ages follow from the NIKs).</summary>
    public static readonly DateTimeOffset ScriptDay = new(2021, 4, 15, 9, 0, 0, TimeSpan.FromHours(7));

    public static async Task<TelegramHarness> StartAsync(bool webhook = false, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, TempFolder? folder = null)
    {
        var api = await FakeBotApi.StartAsync();
        var all = new Dictionary<string, string>
        {
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:05",
            // The family walks take hundreds of turns; the limiter itself is tested on a fake clock.
            ["Telegram:MaxMessagesPerSecond"] = "1000",
            ["Telegram:MaxMessagesPerSecondPerChat"] = "1000",
        };
        if (webhook)
        {
            all["Telegram:Mode"] = "Webhook";
            all["Telegram:WebhookUrl"] = "https://pk-bot.example.go.id/telegram/webhook";
            all["Telegram:WebhookSecret"] = WebhookSecret;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var clock = new ShiftedTimeProvider(ScriptDay);
        return new TelegramHarness(api, await BotFixture.StartAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        }, settings: all, folder: folder));
    }

    /// <summary>Where the bot's own HTTP endpoints listen.</summary>
    public Uri BotAddress => new(Bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Someone on the roster whose Telegram chat is not linked yet.</summary>
    public Task<Person> AddToRosterAsync(string name, string phoneDigits) => Bot.QueryAsync(async db =>
    {
        var person = new Person
        {
            Id = Guid.NewGuid(),
            Name = name,
            PhoneDigits = phoneDigits,
            Role = PK.Domain.People.Role.Kader,
            RegionCode = "33.13.01.2001",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    });

    /// <summary>A roster kader who has shared their own contact on Telegram.</summary>
    public async Task<Person> AddLinkedKaderAsync(long userId, string name, string phoneDigits)
    {
        var person = await AddToRosterAsync(name, phoneDigits);
        await SendAsync(userId, Api.SharesContact(userId, userId, "+" + phoneDigits));
        return person;
    }

    /// <summary>Delivers an update by polling and waits until the bot confirmed it, applied it and sent everything; returns the new messages to the chat.</summary>
    public async Task<IReadOnlyList<SentMessage>> SendAsync(long chatId, JsonObject update)
    {
        var before = Api.MessagesTo(chatId).Select(m => m.MessageId).DefaultIfEmpty(0).Max();
        var id = Api.Deliver(update);
        await WaitAsync(() => Task.FromResult(Api.ConfirmedOffset > id), $"update {id} confirmed");
        await WaitUntilAppliedAsync(id);
        await Bot.WaitUntilOutboxIsEmptyAsync();
        return Api.MessagesTo(chatId).Where(m => m.MessageId > before).ToList();
    }

    /// <summary>Waits until the stored update is applied (or set aside): the inbox pipeline is done with it.</summary>
    public Task WaitUntilAppliedAsync(long updateId)
    {
        var platformId = updateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WaitAsync(() => Bot.QueryAsync(db => db.Inbox.AnyAsync(m => m.Channel == PK.Bot.Channels.Telegram.TelegramChannel.Name && m.PlatformId == platformId
            && (m.ProcessedAt != null || m.SetAsideAt != null))), $"update {updateId} applied");
    }

    public Task<HttpResponseMessage> PostWebhookAsync(JsonObject update, string? secret) => PostWebhookAsync(update.ToJsonString(), secret);

    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? secret)
    {
        using var http = new HttpClient { BaseAddress = BotAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return await http.SendAsync(request);
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for: {what}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
    }
}
