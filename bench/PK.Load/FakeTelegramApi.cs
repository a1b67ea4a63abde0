using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PK.Load;

/// <summary>
/// A lean Telegram Bot API on 127.0.0.1 for load: getUpdates long-polls the queued updates (pre-serialised), every
/// send/edit answers a plausible message at once, and each sendMessage is reported to <see cref="Replied"/> with the
/// time it arrived. Nothing is recorded beyond counters, so the fake stays cheap beside the bot it drives.
/// </summary>
public sealed class FakeTelegramApi : IAsyncDisposable
{
    public const string Token = "123456789:LOAD-fake-bot-token";

    private readonly Lock gate = new();
    private readonly List<(long Id, byte[] Json)> pending = [];
    private TaskCompletionSource news = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextUpdateId;
    private long nextMessageId;
    private long sendMessages;
    private long otherCalls;
    private WebApplication app = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Called for every sendMessage with the chat id and the Stopwatch timestamp of its arrival.</summary>
    public Action<long, long>? Replied { get; set; }

    /// <summary>Raised once the bot has made its first getUpdates call (it is polling).</summary>
    public Task Polling => polling.Task;
    private readonly TaskCompletionSource polling = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long SendMessages => Interlocked.Read(ref sendMessages);
    public long OtherCalls => Interlocked.Read(ref otherCalls);

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var fake = new FakeTelegramApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake.app = builder.Build();
        fake.app.Run(fake.HandleAsync);
        await fake.app.StartAsync();
        fake.BaseUrl = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>Queues a private text message from <paramref name="userId"/>; returns its update id.</summary>
    public long Says(long userId, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        lock (gate)
        {
            var id = ++nextUpdateId;
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("update_id", id);
                json.WriteStartObject("message");
                json.WriteNumber("message_id", Interlocked.Increment(ref nextMessageId));
                json.WriteNumber("date", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                WriteChat(json, userId);
                json.WriteStartObject("from");
                json.WriteNumber("id", userId);
                json.WriteBoolean("is_bot", false);
                json.WriteString("first_name", "Kader");
                json.WriteEndObject();
                json.WriteString("text", text);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            pending.Add((id, buffer.WrittenSpan.ToArray()));
            var signal = news;
            news = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal.TrySetResult();
            return id;
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var arrived = Stopwatch.GetTimestamp();
        // /bot<token>/<method>
        var path = http.Request.Path.Value ?? "";
        var slash = path.LastIndexOf('/');
        var method = slash >= 0 ? path[(slash + 1)..] : "";
        if (!path.StartsWith("/bot" + Token + "/", StringComparison.Ordinal))
        {
            await WriteAsync(http, 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}"""u8.ToArray());
            return;
        }
        using var body = await ReadJsonAsync(http.Request);
        var root = body?.RootElement;
        switch (method)
        {
            case "getUpdates":
                polling.TrySetResult();
                await GetUpdatesAsync(http, root);
                return;
            case "sendMessage":
            {
                var chat = ChatId(root);
                Interlocked.Increment(ref sendMessages);
                Replied?.Invoke(chat, arrived);
                await WriteAsync(http, 200, Message(chat, Interlocked.Increment(ref nextMessageId)));
                return;
            }
            case "editMessageText":
            {
                Interlocked.Increment(ref otherCalls);
                var id = root is { } r && r.TryGetProperty("message_id", out var m) ? m.GetInt64() : 1;
                await WriteAsync(http, 200, Message(ChatId(root), id));
                return;
            }
            case "getMe":
                await WriteAsync(http, 200, """{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"PK Bot","username":"pk_load_bot"}}"""u8.ToArray());
                return;
            default:
                Interlocked.Increment(ref otherCalls);
                if (method.StartsWith("send", StringComparison.Ordinal))
                    await WriteAsync(http, 200, Message(ChatId(root), Interlocked.Increment(ref nextMessageId)));
                else
                    await WriteAsync(http, 200, """{"ok":true,"result":true}"""u8.ToArray());
                return;
        }
    }

    private async Task GetUpdatesAsync(HttpContext http, JsonElement? body)
    {
        long? offset = body is { } b && b.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt64() : null;
        var limit = body is { } l && l.TryGetProperty("limit", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 100;
        var timeout = TimeSpan.FromSeconds(Math.Min(body is { } t && t.TryGetProperty("timeout", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0, 10));
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            byte[][] ready;
            lock (gate)
            {
                if (offset is { } confirmed) pending.RemoveAll(u => u.Id < confirmed);
                ready = [.. pending.Take(limit).Select(u => u.Json)];
                changed = news.Task;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (ready.Length > 0 || left <= TimeSpan.Zero || http.RequestAborted.IsCancellationRequested)
            {
                var buffer = new ArrayBufferWriter<byte>(ready.Sum(r => r.Length + 1) + 32);
                buffer.Write("""{"ok":true,"result":["""u8);
                for (var i = 0; i < ready.Length; i++)
                {
                    if (i > 0) buffer.Write(","u8);
                    buffer.Write(ready[i]);
                }
                buffer.Write("]}"u8);
                await WriteAsync(http, 200, buffer.WrittenSpan.ToArray());
                return;
            }
            await Task.WhenAny(changed, Task.Delay(left, http.RequestAborted)).ConfigureAwait(false);
        }
    }

    private static byte[] Message(long chatId, long messageId)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteStartObject("result");
            json.WriteNumber("message_id", messageId);
            json.WriteNumber("date", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            WriteChat(json, chatId);
            json.WriteString("text", "ok");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteChat(Utf8JsonWriter json, long chatId)
    {
        json.WriteStartObject("chat");
        json.WriteNumber("id", chatId);
        json.WriteString("type", "private");
        json.WriteString("first_name", "Kader");
        json.WriteEndObject();
    }

    private static long ChatId(JsonElement? body)
    {
        if (body is not { } b || !b.TryGetProperty("chat_id", out var chat)) return 0;
        return chat.ValueKind == JsonValueKind.Number ? chat.GetInt64() : long.Parse(chat.GetString() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            // Multipart uploads (sendPhoto/sendDocument): not part of the load script; drained and answered generically.
            await request.Body.CopyToAsync(Stream.Null);
            return null;
        }
        try
        {
            return await JsonDocument.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext http, int status, byte[] json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate) news.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
