using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Tests.Support;

/// <summary>The real host with the WhatsApp channel pointed at a <see cref="FakeGraphApi"/>, and signed webhook posts into it over HTTP.</summary>
public sealed class WhatsAppBot : IAsyncDisposable
{
    public const string AppSecret = "test-app-secret";
    public const string VerifyToken = "test-verify-token";
    public const string DailyReportTemplate = "laporan_harian";
    public const string ReminderTemplate = "pengingat_kader";

    private readonly HttpClient http;
    private long nextWamid;

    private WhatsAppBot(BotFixture bot, FakeGraphApi graph)
    {
        Bot = bot;
        Graph = graph;
        http = new HttpClient { BaseAddress = new Uri(bot.App.Urls.First()) };
    }

    public BotFixture Bot { get; }
    public FakeGraphApi Graph { get; }

    public static async Task<WhatsAppBot> StartAsync(IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var graph = await FakeGraphApi.StartAsync();
        var all = new Dictionary<string, string>
        {
            ["WhatsApp:AccessToken"] = FakeGraphApi.AccessToken,
            ["WhatsApp:PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = VerifyToken,
            ["WhatsApp:ApiBaseUrl"] = graph.BaseUrl,
            ["WhatsApp:ApiVersion"] = FakeGraphApi.Version,
            ["WhatsApp:Templates:DailyReport"] = DailyReportTemplate,
            ["WhatsApp:Templates:Reminder"] = ReminderTemplate,
            ["WhatsApp:Templates:Language"] = "id",
            ["WhatsApp:InboxSettle"] = "00:00:00.020",
            ["WhatsApp:RequestTimeout"] = "00:00:05",
            ["WhatsApp:PerPersonBurst"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return new WhatsAppBot(await BotFixture.StartAsync(services, all), graph);
    }

    public HttpClient Http => http;

    public string NewWamid() => $"wamid.in.{Interlocked.Increment(ref nextWamid)}";

    /// <summary>A roster person with no chat linked yet (WhatsApp links them by their number).</summary>
    public async Task<Person> AddRosterPersonAsync(string name, string phoneDigits, Role role = Role.Kader, string region = "33.13.01.2001")
    {
        var person = new Person
        {
            Id = Guid.NewGuid(),
            Name = name,
            PhoneDigits = phoneDigits,
            Role = role,
            RegionCode = region,
            TargetFamilies = 40,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await Bot.QueryAsync(async db =>
        {
            db.People.Add(person);
            return await db.SaveChangesAsync();
        });
        return person;
    }

    public Task<HttpResponseMessage> PostAsync(string json, string? signature = "valid")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhook.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature == "valid" ? WebhookSignature.Sign(body, AppSecret) : signature);
        return http.SendAsync(request);
    }

    /// <summary>Posts and insists on 200.</summary>
    public async Task DeliverAsync(string json)
    {
        using var response = await PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends one text from <paramref name="from"/> and waits until every reply to it has gone out.</summary>
    public async Task<IReadOnlyList<GraphSentMessage>> SayAsync(string from, string text) =>
        await ExchangeAsync(from, Webhooks.Text(from, NewWamid(), text, Webhooks.Now()));

    /// <summary>Presses the button or list row whose title (or id) is <paramref name="title"/> on the last interactive message to <paramref name="from"/>.</summary>
    public Task<IReadOnlyList<GraphSentMessage>> PressAsync(string from, string title) =>
        PressAsync(from, choices => choices.FirstOrDefault(c => c.Title == title || c.Id == title), title);

    /// <summary>Presses the <paramref name="position"/>-th button or list row (from 1).</summary>
    public Task<IReadOnlyList<GraphSentMessage>> PressAsync(string from, int position) =>
        PressAsync(from, choices => choices.ElementAtOrDefault(position - 1), $"#{position}");

    private async Task<IReadOnlyList<GraphSentMessage>> PressAsync(string from, Func<IReadOnlyList<(string Id, string Title, string? Description)>, (string Id, string Title, string? Description)> pick, string what)
    {
        var last = Graph.SentTo(from).Last(m => m.Type == "interactive");
        var choice = pick(last.Choices);
        Assert.True(choice.Id is not null, $"No choice {what} in: {string.Join(", ", last.Choices.Select(c => c.Title))}");
        var message = last.InteractiveType == "button"
            ? Webhooks.ButtonReply(from, NewWamid(), choice.Id, choice.Title, Webhooks.Now())
            : Webhooks.ListReply(from, NewWamid(), choice.Id, choice.Title, Webhooks.Now());
        return await ExchangeAsync(from, message);
    }

    private async Task<IReadOnlyList<GraphSentMessage>> ExchangeAsync(string from, JsonObject message)
    {
        var before = Graph.SentTo(from).Count;
        var wamid = (string)message["id"]!;
        await DeliverAsync(Webhooks.Envelope(message));
        await WaitUntilAppliedAsync(wamid);
        await Bot.WaitUntilOutboxIsEmptyAsync();
        return Graph.SentTo(from).Skip(before).ToList();
    }

    public async Task WaitUntilAppliedAsync(params string[] wamids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Bot.QueryAsync(db => db.Inbox.CountAsync(m => wamids.Contains(m.PlatformId) && m.ProcessedAt != null)) < wamids.Length)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The inbox was not applied.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Bot.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

/// <summary>Webhook bodies as Meta sends them.</summary>
public static class Webhooks
{
    public static long Now(int plusSeconds = 0) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + plusSeconds;

    public static JsonObject Text(string from, string wamid, string text, long timestamp) =>
        Message(from, wamid, timestamp, "text", new JsonObject { ["body"] = text });

    public static JsonObject ButtonReply(string from, string wamid, string id, string title, long timestamp) =>
        Message(from, wamid, timestamp, "interactive", new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = id, ["title"] = title } });

    public static JsonObject ListReply(string from, string wamid, string id, string title, long timestamp) =>
        Message(from, wamid, timestamp, "interactive", new JsonObject { ["type"] = "list_reply", ["list_reply"] = new JsonObject { ["id"] = id, ["title"] = title } });

    public static JsonObject TemplateButton(string from, string wamid, string text, long timestamp) =>
        Message(from, wamid, timestamp, "button", new JsonObject { ["text"] = text, ["payload"] = text });

    public static JsonObject Image(string from, string wamid, long timestamp) =>
        Message(from, wamid, timestamp, "image", new JsonObject { ["id"] = "media-1", ["mime_type"] = "image/jpeg", ["sha256"] = "x" });

    public static JsonObject Status(string wamid, string status, string recipient, long timestamp, int? errorCode = null)
    {
        var item = new JsonObject { ["id"] = wamid, ["status"] = status, ["timestamp"] = timestamp.ToString(), ["recipient_id"] = recipient };
        if (errorCode is { } code) item["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["title"] = "failed" });
        return item;
    }

    private static JsonObject Message(string from, string wamid, long timestamp, string type, JsonObject content) => new()
    {
        ["from"] = from,
        ["id"] = wamid,
        ["timestamp"] = timestamp.ToString(),
        ["type"] = type,
        [type] = content,
    };

    /// <summary>One entry with one change carrying <paramref name="messages"/>.</summary>
    public static string Envelope(params JsonObject[] messages) => Batch([[.. messages]]);

    public static string Statuses(params JsonObject[] statuses) => Root(new JsonArray(Entry(Change(null, statuses))));

    /// <summary>Several entries, each with several changes, each carrying some messages.</summary>
    public static string Batch(IReadOnlyList<IReadOnlyList<JsonObject>> entries) =>
        Root(new JsonArray([.. entries.Select(changes => Entry([.. changes.Select(m => Change([m], null))]))]));

    private static JsonObject Entry(params JsonObject[] changes) => new() { ["id"] = "waba-1", ["changes"] = new JsonArray(changes) };

    private static JsonObject Change(IReadOnlyList<JsonObject>? messages, IReadOnlyList<JsonObject>? statuses)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "6281100000000", ["phone_number_id"] = FakeGraphApi.PhoneNumberId },
        };
        if (messages is not null)
        {
            value["contacts"] = new JsonArray([.. messages.Select(m => new JsonObject { ["profile"] = new JsonObject { ["name"] = "Kader" }, ["wa_id"] = (string)m["from"]! })]);
            value["messages"] = new JsonArray([.. messages.Select(m => m.DeepClone())]);
        }
        if (statuses is not null) value["statuses"] = new JsonArray([.. statuses.Select(s => s.DeepClone())]);
        return new JsonObject { ["field"] = "messages", ["value"] = value };
    }

    private static string Root(JsonArray entries) => new JsonObject { ["object"] = "whatsapp_business_account", ["entry"] = entries }.ToJsonString();
}
