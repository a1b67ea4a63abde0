using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PK.Bot.Tests.Support;

/// <summary>
/// A small Telegram Bot API server on 127.0.0.1 (port 0): long-polled getUpdates, the send/edit/answer methods,
/// sendPhoto and sendDocument as multipart (the files kept), commands and webhook settings. It records every call and can be told to answer 429,
/// 5xx or drop connections, or to be down altogether.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456789:TEST-fake-bot-token";
    public const long BotId = 123456789;

    private readonly Lock gate = new();
    private readonly List<JsonObject> pending = [];
    private readonly List<ApiCall> calls = [];
    private readonly List<SentMessage> messages = [];
    private readonly List<Fault> faults = [];
    private readonly HashSet<long> blocked = [];
    private readonly Dictionary<long, (double Tokens, DateTimeOffset At)> chatBudgets = [];
    private (double PerSecond, int Burst)? chatLimit;
    private TaskCompletionSource newUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextUpdateId = 1000;
    private int nextMessageId = 1;
    private long confirmedOffset;
    private WebApplication app = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every call, as it arrived (failed ones too), with what was answered.</summary>
    public IReadOnlyList<ApiCall> Calls { get { lock (gate) return calls.ToList(); } }

    /// <summary>Telegram unreachable: every call's connection is dropped.</summary>
    public bool Down { get; set; }

    /// <summary>The bot has confirmed every update below this (the offset of its latest getUpdates).</summary>
    public long ConfirmedOffset { get { lock (gate) return confirmedOffset; } }

    public static async Task<FakeBotApi> StartAsync()
    {
        var fake = new FakeBotApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake.app = builder.Build();
        fake.app.Run(http =>
        {
            // /bot<token>/<method>
            var parts = (http.Request.Path.Value ?? "").Trim('/').Split('/');
            if (parts.Length != 2 || !parts[0].StartsWith("bot", StringComparison.Ordinal))
                return WriteAsync(http, new JsonObject { ["ok"] = false, ["error_code"] = 404, ["description"] = "Not Found" });
            return fake.HandleAsync(http, parts[0][3..], parts[1]).ContinueWith(t => t.IsFaulted && !http.Response.HasStarted
                ? WriteAsync(http, new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Fake failed: " + t.Exception!.InnerException!.Message })
                : Task.CompletedTask, TaskScheduler.Default).Unwrap();
        });
        await fake.app.StartAsync();
        fake.BaseUrl = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    // ---- what the person does -----------------------------------------------------------

    public JsonObject Says(long userId, string text) => NewMessage(userId, m => m["text"] = text);

    public JsonObject SharesContact(long userId, long? contactUserId, string phone) => NewMessage(userId, m =>
    {
        var contact = new JsonObject { ["phone_number"] = phone, ["first_name"] = "Kontak" };
        if (contactUserId is { } id) contact["user_id"] = id;
        m["contact"] = contact;
    });

    public JsonObject SendsSticker(long userId) => NewMessage(userId, m => m["sticker"] = new JsonObject
    {
        ["file_id"] = "sticker-1", ["file_unique_id"] = "s1", ["type"] = "regular", ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false,
    });

    public JsonObject SendsLocation(long userId) => NewMessage(userId, m => m["location"] = new JsonObject { ["latitude"] = -7.6, ["longitude"] = 111.0 });

    public JsonObject SaysInGroup(long userId, long groupId, string text) => NewMessage(userId, m =>
    {
        m["chat"] = new JsonObject { ["id"] = groupId, ["type"] = "group", ["title"] = "Kader RW 02" };
        m["text"] = text;
    });

    /// <summary>A press of the button labelled <paramref name="buttonText"/> (or numbered so) on <paramref name="message"/>.</summary>
    public JsonObject Presses(long userId, SentMessage message, string buttonText)
    {
        var button = message.Buttons.Where(b => b.Text == buttonText)
            .Concat(message.Buttons.Where(b => b.Text.StartsWith(buttonText + ". ", StringComparison.Ordinal)))
            .DefaultIfEmpty((Text: "", Data: "")).First();
        if (button.Data == "") throw new InvalidOperationException($"No button «{buttonText}» on: {message.Text}");
        return PressesData(userId, message, button.Data);
    }

    public JsonObject PressesData(long userId, SentMessage message, string data)
    {
        lock (gate)
        {
            var shown = new JsonObject
            {
                ["message_id"] = message.MessageId,
                ["date"] = Now(),
                ["chat"] = PrivateChat(message.ChatId),
                ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "PK Bot" },
                ["text"] = message.Text,
            };
            if (message.ReplyMarkup is not null) shown["reply_markup"] = message.ReplyMarkup.DeepClone();
            return new JsonObject
            {
                ["update_id"] = ++nextUpdateId,
                ["callback_query"] = new JsonObject
                {
                    ["id"] = $"cq{nextUpdateId}",
                    ["from"] = User(userId),
                    ["chat_instance"] = $"ci{userId}",
                    ["data"] = data,
                    ["message"] = shown,
                },
            };
        }
    }

    /// <summary>Makes an update available to getUpdates (again, if it was delivered before).</summary>
    public long Deliver(JsonObject update)
    {
        lock (gate)
        {
            pending.Add(update);
            pending.Sort((a, b) => Id(a).CompareTo(Id(b)));
            var signal = newUpdate;
            newUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal.TrySetResult();
        }
        return Id(update);
    }

    public static long Id(JsonObject update) => update["update_id"]!.GetValue<long>();

    // ---- what went wrong ----------------------------------------------------------------

    public void Inject(FaultKind kind, int times, string? method = null, int retryAfter = 1)
    {
        lock (gate) faults.Add(new Fault(kind, method, retryAfter) { Left = times });
    }

    /// <summary>The person blocked the bot: every send to the chat is refused with 403, forever.</summary>
    public void Block(long chatId)
    {
        lock (gate) blocked.Add(chatId);
    }

    /// <summary>Enforce Telegram's per-chat limit: a burst, then <paramref name="perSecond"/>; a send over it gets 429 with retry_after.</summary>
    public void LimitPerChat(double perSecond = 1, int burst = 3)
    {
        lock (gate) chatLimit = (perSecond, burst);
    }

    /// <summary>Forgets the faults not yet met: the platform is healthy again.</summary>
    public void Heal()
    {
        lock (gate) faults.Clear();
    }

    // ---- what the bot did ---------------------------------------------------------------

    /// <summary>Messages the bot sent to the chat, as they stand now (after edits), in order.</summary>
    public IReadOnlyList<SentMessage> MessagesTo(long chatId)
    {
        lock (gate) return messages.Where(m => m.ChatId == chatId).ToList();
    }

    public IReadOnlyList<ApiCall> Succeeded(string method) => Calls.Where(c => c.Method == method && c.Status == 200).ToList();

    // ---- the server ---------------------------------------------------------------------

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        var (body, files) = await ReadBodyAsync(http.Request);
        var call = new ApiCall(method, body, DateTimeOffset.UtcNow) { Files = files };
        lock (gate) calls.Add(call);
        if (token != Token)
        {
            await ErrorAsync(http, call, 401, "Unauthorized");
            return;
        }
        var fault = Down ? null : TakeFault(method);
        if (Down || fault is { Kind: FaultKind.Drop })
        {
            call.Status = -1;
            http.Abort();
            return;
        }
        if (fault is { Kind: FaultKind.TooManyRequests })
        {
            await ErrorAsync(http, call, 429, $"Too Many Requests: retry after {fault.RetryAfter}", new JsonObject { ["retry_after"] = fault.RetryAfter });
            return;
        }
        if (fault is { Kind: FaultKind.ServerError })
        {
            await ErrorAsync(http, call, 502, "Bad Gateway");
            return;
        }
        if (method.StartsWith("send", StringComparison.Ordinal) || method == "editMessageText")
        {
            var chatId = body["chat_id"] is null ? (long?)null : ChatIdOf(body);
            if (chatId is { } blockedId && IsBlocked(blockedId))
            {
                await ErrorAsync(http, call, 403, "Forbidden: bot was blocked by the user");
                return;
            }
            if (chatId is { } limitedId && OverChatLimit(limitedId) is { } retryAfter)
            {
                await ErrorAsync(http, call, 429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });
                return;
            }
        }

        JsonNode? result = method switch
        {
            "getMe" => new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "PK Bot", ["username"] = "pk_test_bot" },
            "getUpdates" => await GetUpdatesAsync(body, http.RequestAborted),
            "sendMessage" => Send(body, body["text"]!.GetValue<string>(), photoBytes: null),
            "sendPhoto" => Send(body, body["caption"]?.GetValue<string>() ?? "", photoBytes: body["photo_bytes"]!.GetValue<int>()),
            "sendDocument" => Send(body, body["caption"]?.GetValue<string>() ?? "", photoBytes: null, document: files["document"]),
            "editMessageText" => Edit(body),
            "answerCallbackQuery" or "setMyCommands" or "setWebhook" or "deleteWebhook" => true,
            _ => null,
        };
        if (result is null)
        {
            await ErrorAsync(http, call, 404, "Not Found: method not found");
            return;
        }
        call.Status = 200;
        await WriteAsync(http, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonNode> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = body["offset"]?.GetValue<long>();
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        var timeout = TimeSpan.FromSeconds(Math.Min(body["timeout"]?.GetValue<int>() ?? 0, 10));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (gate)
            {
                if (offset is { } o)
                {
                    pending.RemoveAll(u => Id(u) < o);
                    confirmedOffset = Math.Max(confirmedOffset, o);
                }
                var ready = pending.Take(limit).Select(u => u.DeepClone()).ToArray();
                if (ready.Length > 0 || DateTime.UtcNow >= deadline) return new JsonArray(ready);
                changed = newUpdate.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero) await Task.WhenAny(changed, Task.Delay(left, aborted));
            aborted.ThrowIfCancellationRequested();
        }
    }

    private JsonObject Send(JsonObject body, string text, int? photoBytes, SentFile? document = null)
    {
        lock (gate)
        {
            var chatId = ChatIdOf(body);
            var markup = body["reply_markup"] is { } m ? (m is JsonValue v ? JsonNode.Parse(v.GetValue<string>()) : m.DeepClone()) : null;
            var sent = new SentMessage(chatId, nextMessageId++, text, markup, photoBytes) { Document = document };
            messages.Add(sent);
            var result = new JsonObject { ["message_id"] = sent.MessageId, ["date"] = Now(), ["chat"] = PrivateChat(chatId) };
            if (document is not null)
                result["document"] = new JsonObject { ["file_id"] = "d1", ["file_unique_id"] = "d1", ["file_name"] = document.FileName, ["file_size"] = document.Bytes.Length };
            else if (photoBytes is null) result["text"] = text;
            else result["photo"] = new JsonArray(new JsonObject { ["file_id"] = "p1", ["file_unique_id"] = "p1", ["width"] = 800, ["height"] = 600 });
            if (markup?["inline_keyboard"] is not null) result["reply_markup"] = markup.DeepClone();
            return result;
        }
    }

    private JsonNode Edit(JsonObject body)
    {
        lock (gate)
        {
            var chatId = ChatIdOf(body);
            var id = body["message_id"]!.GetValue<int>();
            var index = messages.FindIndex(m => m.ChatId == chatId && m.MessageId == id);
            var text = body["text"]!.GetValue<string>();
            var markup = body["reply_markup"]?.DeepClone();
            messages[index] = messages[index] with { Text = text, ReplyMarkup = markup, Edits = messages[index].Edits + 1 };
            return new JsonObject { ["message_id"] = id, ["date"] = Now(), ["chat"] = PrivateChat(chatId), ["text"] = text, ["edit_date"] = Now() };
        }
    }

    private bool IsBlocked(long chatId)
    {
        lock (gate) return blocked.Contains(chatId);
    }

    /// <summary>Null when the chat's budget has a message left (and takes it), else the whole seconds to wait.</summary>
    private int? OverChatLimit(long chatId)
    {
        lock (gate)
        {
            if (chatLimit is not { } limit) return null;
            var now = DateTimeOffset.UtcNow;
            var (tokens, at) = chatBudgets.TryGetValue(chatId, out var found) ? found : (limit.Burst, now);
            tokens = Math.Min(limit.Burst, tokens + (now - at).TotalSeconds * limit.PerSecond);
            if (tokens >= 1)
            {
                chatBudgets[chatId] = (tokens - 1, now);
                return null;
            }
            chatBudgets[chatId] = (tokens, now);
            return (int)Math.Ceiling((1 - tokens) / limit.PerSecond);
        }
    }

    private Fault? TakeFault(string method)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => f.Left > 0 && (f.Method is null || f.Method == method));
            if (fault is not null) fault.Left--;
            return fault;
        }
    }

    private static async Task<(JsonObject Body, IReadOnlyDictionary<string, SentFile> Files)> ReadBodyAsync(HttpRequest request)
    {
        var sentFiles = new Dictionary<string, SentFile>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var files = new Dictionary<string, byte[]>();
            foreach (var file in form.Files)
            {
                using var stream = new MemoryStream();
                await file.CopyToAsync(stream);
                files[file.Name] = stream.ToArray();
                sentFiles[file.Name] = new SentFile(file.FileName, stream.ToArray());
            }
            var body = new JsonObject();
            foreach (var (key, value) in form)
            {
                body[key] = JsonValue.Create(value.ToString());
                // A file sent as its own part, named by "attach://<part>".
                var part = value.ToString().StartsWith("attach://", StringComparison.Ordinal) ? value.ToString()[9..] : null;
                if (part is not null && files.TryGetValue(part, out var bytes))
                {
                    AddFile(body, key, bytes);
                    sentFiles[key] = sentFiles[part];
                }
            }
            foreach (var (name, bytes) in files.Where(f => !body.ContainsKey(f.Key))) AddFile(body, name, bytes);
            return (body, sentFiles);
        }
        if (request.ContentLength is 0 or null && !request.Body.CanRead) return ([], sentFiles);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return (string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject(), sentFiles);
    }

    private static void AddFile(JsonObject body, string field, byte[] bytes)
    {
        body[field + "_bytes"] = bytes.Length;
        body[field + "_png"] = bytes.AsSpan(0, Math.Min(8, bytes.Length)).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
    }

    private static async Task ErrorAsync(HttpContext http, ApiCall call, int code, string description, JsonObject? parameters = null)
    {
        call.Status = code;
        http.Response.StatusCode = code;
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null) error["parameters"] = parameters;
        await WriteAsync(http, error);
    }

    private static async Task WriteAsync(HttpContext http, JsonObject json)
    {
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json.ToJsonString());
    }

    private JsonObject NewMessage(long userId, Action<JsonObject> fill)
    {
        lock (gate)
        {
            var message = new JsonObject { ["message_id"] = nextMessageId++, ["date"] = Now(), ["chat"] = PrivateChat(userId), ["from"] = User(userId) };
            fill(message);
            return new JsonObject { ["update_id"] = ++nextUpdateId, ["message"] = message };
        }
    }

    private static long ChatIdOf(JsonObject body) => body["chat_id"] switch
    {
        JsonValue v when v.TryGetValue<long>(out var id) => id,
        JsonValue v => long.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("no chat_id"),
    };

    private static JsonObject PrivateChat(long id) => new() { ["id"] = id, ["type"] = "private", ["first_name"] = "Kader" };
    private static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Kader" };
    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public async ValueTask DisposeAsync()
    {
        lock (gate) newUpdate.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public enum FaultKind
{
    TooManyRequests,
    ServerError,
    Drop,
}

public sealed record Fault(FaultKind Kind, string? Method, int RetryAfter)
{
    public int Left { get; set; }
}

public sealed class ApiCall(string method, JsonObject body, DateTimeOffset at)
{
    public string Method { get; } = method;
    public JsonObject Body { get; } = body;
    public DateTimeOffset At { get; } = at;
    /// <summary>Files sent as multipart parts, by part name.</summary>
    public IReadOnlyDictionary<string, SentFile> Files { get; init; } = new Dictionary<string, SentFile>();
    /// <summary>HTTP status answered; -1 for a dropped connection; 0 while in flight.</summary>
    public int Status { get; set; }
}

/// <summary>A file part of a multipart call: the name it was sent under and its bytes.</summary>
public sealed record SentFile(string? FileName, byte[] Bytes);

/// <summary>A message the bot sent, as it stands after any edits.</summary>
public sealed record SentMessage(long ChatId, int MessageId, string Text, JsonNode? ReplyMarkup, int? PhotoBytes, int Edits = 0)
{
    public SentFile? Document { get; init; }

    public IReadOnlyList<(string Text, string Data)> Buttons =>
        ReplyMarkup?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray())
            .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>())).ToList() ?? [];

    public IReadOnlyList<int> RowSizes => ReplyMarkup?["inline_keyboard"]?.AsArray().Select(r => r!.AsArray().Count).ToList() ?? [];

    public bool RequestsContact =>
        ReplyMarkup?["keyboard"]?.AsArray().SelectMany(r => r!.AsArray()).Any(b => b!["request_contact"]?.GetValue<bool>() == true) == true;

    public bool RemovesKeyboard => ReplyMarkup?["remove_keyboard"]?.GetValue<bool>() == true;
}
