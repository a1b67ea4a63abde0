using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PK.Bot.Tests.Support;

/// <summary>What the fake Graph API can be told to do with the next send(s).</summary>
public enum GraphFault
{
    /// <summary>HTTP 429 with error 80007.</summary>
    TooManyRequests,
    /// <summary>HTTP 400 with error 130429 (the number's throughput).</summary>
    Throughput,
    /// <summary>HTTP 400 with error 131056 (too many to one person).</summary>
    PairRate,
    /// <summary>HTTP 400 with error 131047 (the 24-hour window is closed).</summary>
    WindowClosed,
    /// <summary>HTTP 503.</summary>
    ServerError,
    /// <summary>The connection is closed without an answer.</summary>
    Dropped,
}

/// <summary>
/// Meta's Graph API as far as the bot uses it, on loopback: <c>POST /{version}/{phone-number-id}/messages</c> records
/// the payload and answers a wamid, after checking the token and (independently of the bot) WhatsApp's main limits;
/// <c>POST /{version}/{phone-number-id}/media</c> keeps the uploaded file and answers a media id. Faults meet either call.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public const string Version = "v21.0";
    public const string PhoneNumberId = "109876543210";
    public const string AccessToken = "test-access-token";

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<GraphSentMessage> sent = [];
    private readonly List<GraphUpload> uploads = [];
    private readonly Queue<GraphFault> faults = new();
    private GraphFault? outage;
    private int wamids;

    private FakeGraphApi(WebApplication app) => this.app = app;

    public string BaseUrl => app.Urls.First();

    /// <summary>Every call, including refused ones.</summary>
    public int Calls { get; private set; }

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", fake.HandleAsync);
        app.MapPost("/{version}/{phoneNumberId}/media", fake.UploadAsync).DisableAntiforgery();
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next <paramref name="count"/> sends meet <paramref name="fault"/>.</summary>
    public void Inject(GraphFault fault, int count = 1)
    {
        lock (gate) for (var i = 0; i < count; i++) faults.Enqueue(fault);
    }

    /// <summary>Every send meets <paramref name="fault"/> until <see cref="Restore"/>.</summary>
    public void GoDown(GraphFault fault = GraphFault.Dropped)
    {
        lock (gate) outage = fault;
    }

    public void Restore()
    {
        lock (gate) outage = null;
    }

    public IReadOnlyList<GraphSentMessage> Sent
    {
        get { lock (gate) return [.. sent]; }
    }

    /// <summary>Files uploaded to /media, in order.</summary>
    public IReadOnlyList<GraphUpload> Uploads
    {
        get { lock (gate) return [.. uploads]; }
    }

    public GraphUpload Upload(string mediaId)
    {
        lock (gate) return uploads.Single(u => u.Id == mediaId);
    }

    public IReadOnlyList<GraphSentMessage> SentTo(string waId)
    {
        lock (gate) return sent.Where(s => s.To == waId).ToList();
    }

    public async Task<IReadOnlyList<GraphSentMessage>> WaitForAsync(string waId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var messages = SentTo(waId);
            if (messages.Count >= count) return messages;
            await Task.Delay(10);
        }
        throw new TimeoutException($"{waId} got {SentTo(waId).Count} of {count} messages:\n{string.Join("\n---\n", SentTo(waId).Select(m => m.Text))}");
    }

    private async Task<IResult> UploadAsync(HttpContext context, string version, string phoneNumberId)
    {
        if (Refusal(context, version, phoneNumberId) is { } refused) return refused;
        if (!context.Request.HasFormContentType) return Error(400, 100, "Expected multipart/form-data");
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if ((string?)form["messaging_product"] != "whatsapp") return Error(400, 100, "Parameter value is not valid: messaging_product");
        if (file is null || string.IsNullOrEmpty(form["type"])) return Error(400, 100, "Parameter value is not valid: file and type are required");
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        lock (gate)
        {
            var upload = new GraphUpload($"media.fake.{uploads.Count + 1}", file.FileName, (string)form["type"]!, file.ContentType, bytes.ToArray());
            uploads.Add(upload);
            return Results.Json(new { id = upload.Id });
        }
    }

    /// <summary>The token, the path and any injected fault; null when the call may go ahead.</summary>
    private IResult? Refusal(HttpContext context, string version, string phoneNumberId)
    {
        GraphFault? fault;
        lock (gate)
        {
            Calls++;
            fault = outage ?? (faults.TryDequeue(out var next) ? next : null);
        }
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") return Error(401, 190, "Invalid OAuth access token");
        if (version != Version || phoneNumberId != PhoneNumberId) return Error(400, 100, "Unknown path");
        switch (fault)
        {
            case GraphFault.Dropped:
                context.Abort();
                return Results.Empty;
            case GraphFault.ServerError: return Error(503, 131000, "Something went wrong");
            case GraphFault.TooManyRequests: return Error(429, 80007, "Rate limit hit");
            case GraphFault.Throughput: return Error(400, 130429, "Rate limit hit");
            case GraphFault.PairRate: return Error(400, 131056, "Pair rate limit hit");
            case GraphFault.WindowClosed: return Error(400, 131047, "Re-engagement message");
        }
        return null;
    }

    private async Task<IResult> HandleAsync(HttpContext context, string version, string phoneNumberId)
    {
        if (Refusal(context, version, phoneNumberId) is { } refused) return refused;
        var payload = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (Violation(payload) is { } violation) return Error(400, 131009, "Parameter value is not valid: " + violation);
        var to = (string)payload["to"]!;
        lock (gate)
        {
            var wamid = $"wamid.fake.{++wamids}";
            sent.Add(new GraphSentMessage(to, (string)payload["type"]!, payload, wamid));
            return Results.Json(new { messaging_product = "whatsapp", contacts = new[] { new { input = to, wa_id = to } }, messages = new[] { new { id = wamid } } });
        }
    }

    /// <summary>WhatsApp's own checks, written separately from the bot's so the two can disagree.</summary>
    private string? Violation(JsonObject payload)
    {
        if ((string?)payload["messaging_product"] != "whatsapp") return "messaging_product";
        switch ((string?)payload["type"])
        {
            case "text":
                var body = (string?)payload["text"]?["body"] ?? "";
                return body.Length is 0 or > 4096 ? "text.body" : null;
            case "interactive":
                var interactive = payload["interactive"]!;
                if (((string?)interactive["body"]?["text"] ?? "").Length is 0 or > 1024) return "interactive.body";
                if ((string?)interactive["type"] == "button")
                {
                    var titles = interactive["action"]!["buttons"]!.AsArray().Select(b => (string)b!["reply"]!["title"]!).ToList();
                    return titles.Count is 0 or > 3 || titles.Any(t => t.Length is 0 or > 20) || titles.Distinct().Count() != titles.Count ? "buttons" : null;
                }
                var rows = interactive["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).ToList();
                if (((string?)interactive["action"]!["button"] ?? "").Length is 0 or > 20) return "action.button";
                return rows.Count is 0 or > 10 || rows.Any(r => ((string)r!["title"]!).Length is 0 or > 24 || ((string?)r!["description"] ?? "").Length > 72) ? "rows" : null;
            case "template":
                return payload["template"]?["name"] is null ? "template.name" : null;
            case "image" or "document":
                var media = payload[(string)payload["type"]!];
                lock (gate)
                    if (!uploads.Any(u => u.Id == (string?)media?["id"])) return "media id";
                if (((string?)media!["caption"] ?? "").Length > 1024) return "caption";
                return (string?)payload["type"] == "document" && string.IsNullOrEmpty((string?)media["filename"]) ? "document.filename" : null;
            default:
                return "type";
        }
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { error = new { message, type = "OAuthException", code, fbtrace_id = "fake" } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One message the bot sent, as the Graph API received it.</summary>
public sealed record GraphSentMessage(string To, string Type, JsonObject Payload, string Wamid)
{
    /// <summary>The text a person reads: a text body, an interactive body, or the template's name and parameters.</summary>
    public string Text => Type switch
    {
        "text" => (string)Payload["text"]!["body"]!,
        "interactive" => (string)Payload["interactive"]!["body"]!["text"]!,
        "template" => $"[template {(string)Payload["template"]!["name"]!}] " + string.Join(" | ",
            Payload["template"]!["components"]?.AsArray().SelectMany(c => c!["parameters"]!.AsArray()).Select(p => (string)p!["text"]!) ?? []),
        "image" or "document" => (string?)Payload[Type]!["caption"] ?? "",
        _ => Type,
    };

    /// <summary>The uploaded file an image or document message refers to.</summary>
    public string? MediaId => (string?)Payload[Type]?["id"];

    public string? FileName => (string?)Payload["document"]?["filename"];

    public string? InteractiveType => (string?)Payload["interactive"]?["type"];

    /// <summary>Buttons or list rows: (id, title, description).</summary>
    public IReadOnlyList<(string Id, string Title, string? Description)> Choices => InteractiveType switch
    {
        "button" => Payload["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => ((string)b!["reply"]!["id"]!, (string)b["reply"]!["title"]!, (string?)null)).ToList(),
        "list" => Payload["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray())
            .Select(r => ((string)r!["id"]!, (string)r["title"]!, (string?)r["description"])).ToList(),
        _ => [],
    };
}

/// <summary>A file uploaded to /media: the name and content type of its part, the declared <c>type</c> field, the bytes.</summary>
public sealed record GraphUpload(string Id, string FileName, string Type, string PartContentType, byte[] Bytes);
