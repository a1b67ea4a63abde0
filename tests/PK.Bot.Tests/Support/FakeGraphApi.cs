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
        app.MapPost("/{version}/{wabaId}/flows", fake.CreateFlowAsync);
        app.MapPost("/{version}/{flowId}/assets", fake.UploadFlowJsonAsync).DisableAntiforgery();
        app.MapPost("/{version}/{flowId}/publish", fake.PublishFlow);
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
                if ((string?)interactive["type"] == "flow") return FlowViolation(interactive["action"]!);
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

    // ---- WhatsApp Flows: POST /{WABA-ID}/flows, /{FLOW-ID}/assets, /{FLOW-ID}/publish, and flow messages ----

    public const string WabaId = "102030405060708";

    private readonly Dictionary<string, FakeFlow> flows = [];

    /// <summary>The id the fake gives a Flow created under <paramref name="name"/> (stable, so a test can configure it before publishing).</summary>
    public static string FlowIdFor(string name) =>
        "9" + BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Flows created, by id.</summary>
    public IReadOnlyDictionary<string, FakeFlow> Flows
    {
        get { lock (gate) return flows.ToDictionary(f => f.Key, f => f.Value); }
    }

    private async Task<IResult> CreateFlowAsync(HttpContext context, string version, string wabaId)
    {
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") return Error(401, 190, "Invalid OAuth access token");
        if (version != Version || wabaId != WabaId) return Error(400, 100, "Unknown path");
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var name = (string?)body["name"];
        if (string.IsNullOrEmpty(name) || body["categories"] is not JsonArray { Count: > 0 }) return Error(400, 100, "name and categories are required");
        lock (gate)
        {
            var id = FlowIdFor(name);
            if (flows.Values.Any(f => f.Name == name)) return Error(400, 139001, "A Flow with this name already exists");
            flows[id] = new FakeFlow(id, name);
            return Results.Json(new { id });
        }
    }

    private async Task<IResult> UploadFlowJsonAsync(HttpContext context, string version, string flowId)
    {
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") return Error(401, 190, "Invalid OAuth access token");
        if (!context.Request.HasFormContentType) return Error(400, 100, "Expected multipart/form-data");
        var form = await context.Request.ReadFormAsync();
        if ((string?)form["name"] != "flow.json" || (string?)form["asset_type"] != "FLOW_JSON" || form.Files.GetFile("file") is not { } file)
            return Error(400, 100, "name=flow.json, asset_type=FLOW_JSON and file are required");
        using var reader = new StreamReader(file.OpenReadStream());
        var json = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (gate)
        {
            if (version != Version || !flows.TryGetValue(flowId, out var flow)) return Error(400, 100, "Unknown Flow");
            if (flow.Published) return Error(400, 139002, "A published Flow cannot be changed");
            var errors = FlowJsonErrors(json);
            if (errors.Count == 0) flow.Json = json;
            return Results.Json(new { success = errors.Count == 0, validation_errors = errors.Select(e => new { error = "INVALID_PROPERTY", message = e }) });
        }
    }

    private IResult PublishFlow(HttpContext context, string version, string flowId)
    {
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") return Error(401, 190, "Invalid OAuth access token");
        lock (gate)
        {
            if (version != Version || !flows.TryGetValue(flowId, out var flow)) return Error(400, 100, "Unknown Flow");
            if (flow.Json is null) return Error(400, 139000, "The Flow has no Flow JSON");
            flow.Published = true;
            return Results.Json(new { success = true });
        }
    }

    /// <summary>Flow JSON's rules as far as the fake checks them: a version with If (4.0+), one terminal screen with a Footer that completes, data declared with examples, every <c>${form.x}</c> a field, every <c>${data.x}</c> declared, labels within limits.</summary>
    private static List<string> FlowJsonErrors(JsonObject json)
    {
        var errors = new List<string>();
        if (!double.TryParse((string?)json["version"], System.Globalization.CultureInfo.InvariantCulture, out var v) || v < 4.0) errors.Add("version");
        foreach (var screen in json["screens"]?.AsArray() ?? [])
        {
            var data = screen!["data"]?.AsObject() ?? [];
            foreach (var (name, declaration) in data)
                if (declaration?["type"] is null || declaration["__example__"] is null) errors.Add($"data.{name} lacks type or __example__");
            var names = new HashSet<string>();
            var components = FakeFlow.Components(screen["layout"]!["children"]!.AsArray()).ToList();
            foreach (var c in components)
            {
                if ((string?)c["name"] is { } n && !names.Add(n)) errors.Add($"duplicate name {n}");
                var limit = (string?)c["type"] switch { "TextInput" or "Dropdown" => 20, "RadioButtonsGroup" or "CheckboxGroup" => 30, _ => int.MaxValue };
                if (((string?)c["label"])?.Length > limit) errors.Add($"label of {(string?)c["name"]} is longer than {limit}");
            }
            if (components.Count(x => (string?)x["type"] == "Footer") != 1) errors.Add("a screen needs one Footer");
            if (components.Count > 50) errors.Add($"{components.Count} components on one screen");
            var text = screen.ToJsonString();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\$\{(form|data)\.([a-z0-9_]+)\}"))
            {
                if (m.Groups[1].Value == "form" && !names.Contains(m.Groups[2].Value)) errors.Add($"${{form.{m.Groups[2].Value}}} is no field");
                if (m.Groups[1].Value == "data" && !data.ContainsKey(m.Groups[2].Value)) errors.Add($"${{data.{m.Groups[2].Value}}} is not declared");
            }
        }
        return errors.Distinct().ToList();
    }

    private string? FlowViolation(JsonNode action)
    {
        if ((string?)action["name"] != "flow" || action["parameters"] is not JsonObject p) return "action.name";
        if ((string?)p["flow_message_version"] != "3") return "flow_message_version";
        var cta = (string?)p["flow_cta"] ?? "";
        if (cta.Length is 0 or > 20 || cta.Any(char.IsSurrogate)) return "flow_cta";
        if (string.IsNullOrEmpty((string?)p["flow_token"])) return "flow_token";
        lock (gate)
        {
            if (!flows.TryGetValue((string?)p["flow_id"] ?? "", out var flow) || !flow.Published) return "flow_id";
            var screen = flow.Screen((string?)p["flow_action_payload"]?["screen"] ?? "");
            if (screen is null) return "flow_action_payload.screen";
            var data = p["flow_action_payload"]?["data"] as JsonObject ?? [];
            var missing = (screen["data"]?.AsObject() ?? []).Select(d => d.Key).Where(k => !data.ContainsKey(k)).ToList();
            return missing.Count > 0 ? "flow_action_payload.data lacks " + string.Join(",", missing) : null;
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

/// <summary>A Flow created through the fake, with its Flow JSON once uploaded.</summary>
public sealed class FakeFlow(string id, string name)
{
    public string Id => id;
    public string Name => name;
    public JsonObject? Json { get; set; }
    public bool Published { get; set; }

    public JsonNode? Screen(string screenId) => Json?["screens"]?.AsArray().FirstOrDefault(s => (string?)s!["id"] == screenId);

    /// <summary>Every component, including those inside If.</summary>
    public static IEnumerable<JsonNode> Components(JsonArray children)
    {
        foreach (var c in children)
        {
            yield return c!;
            if (c!["then"] is JsonArray then) foreach (var inner in Components(then)) yield return inner;
            if (c["else"] is JsonArray otherwise) foreach (var inner in Components(otherwise)) yield return inner;
        }
    }
}

/// <summary>A file uploaded to /media: the name and content type of its part, the declared <c>type</c> field, the bytes.</summary>
public sealed record GraphUpload(string Id, string FileName, string Type, string PartContentType, byte[] Bytes);
