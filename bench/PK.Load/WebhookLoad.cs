using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PK.Bot.Channels.WhatsApp;

namespace PK.Load;

/// <summary>
/// The WhatsApp webhook under N concurrent posters: each kader posts its <see cref="FamilyScript"/> inputs as signed
/// deliveries (<c>X-Hub-Signature-256</c> with the app secret), one message per post, the next as soon as the previous
/// is acknowledged (200). The bot's contract is stored-before-200, so after the run the inbox must hold exactly one row
/// per acknowledged post. The bot is a child process; its replies go to a tiny fake Graph API here.
/// </summary>
public static class WebhookLoad
{
    private const string Secret = "load-app-secret";
    private const string PhoneNumberId = "109876543210";
    private const string AccessToken = "load-access-token";
    private const string Version = "v21.0";

    public static async Task<LoadResult> RunAsync(string dataDir, LoadOptions options)
    {
        var phones = Enumerable.Range(0, options.Kader).Select(k => $"62897{k:D8}").ToList();
        await ChildBot.SeedAsync(dataDir, "whatsapp", phones, k => phones[k], options.Settings);
        await using var graph = await FakeGraph.StartAsync();
        var port = ChildProcess.FreePort();
        using var child = ChildBot.Start(dataDir, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["WhatsApp:AccessToken"] = AccessToken,
            ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
            ["WhatsApp:AppSecret"] = Secret,
            ["WhatsApp:VerifyToken"] = "verify",
            ["WhatsApp:ApiBaseUrl"] = graph.BaseUrl,
            ["WhatsApp:ApiVersion"] = Version,
            ["WhatsApp:Templates:DailyReport"] = "laporan_harian",
            ["WhatsApp:Templates:Reminder"] = "pengingat_kader",
            // WhatsApp's own limits lifted as far as the settings allow.
            ["WhatsApp:MessagesPerSecond"] = "1000",
            ["WhatsApp:PerPersonMessagesPerMinute"] = "6000",
            ["WhatsApp:PerPersonBurst"] = "1000000",
        }, options.Settings);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(120),
        };
        await WaitUntilServingAsync(http, child);

        var log = new LatencyLog();
        long acknowledged = 0;
        var nextFamily = 0;
        using var stop = new CancellationTokenSource();
        async Task PostAsync(int k)
        {
            var phone = phones[k];
            var serial = 0;
            while (!stop.IsCancellationRequested)
            {
                var family = Interlocked.Increment(ref nextFamily) - 1;
                foreach (var text in FamilyScript.Inputs(family))
                {
                    if (stop.IsCancellationRequested) return;
                    var body = Delivery(phone, $"wamid.load.{phone}.{++serial}", text);
                    using var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhook.Path) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(body, Secret));
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"Webhook post answered {(int)response.StatusCode}.\n{child.Tail()}");
                    Interlocked.Increment(ref acknowledged);
                    log.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        var running = Task.WhenAll(Enumerable.Range(0, options.Kader).Select(k => Task.Run(() => PostAsync(k))));
        // Warm-up: every poster has been acknowledged once (the bot's first posts pay for its JIT), then the warm-up time.
        while (!running.IsCompleted && Interlocked.Read(ref acknowledged) < options.Kader) await Task.WhenAny(running, Task.Delay(50));
        await Task.WhenAny(running, Task.Delay(options.WarmUp));
        ProcessFigures.ResetPeak(child.Id);
        var cpu = ProcessFigures.Cpu(child.Id);
        var repliesBefore = graph.Sent;
        var watch = Stopwatch.StartNew();
        log.Recording = true;
        await Task.WhenAny(running, Task.Delay(options.Measure));
        log.Recording = false;
        var elapsed = watch.Elapsed;
        var cpuMs = (ProcessFigures.Cpu(child.Id) - cpu).TotalMilliseconds;
        var peak = ProcessFigures.PeakRss(child.Id);
        var replies = graph.Sent - repliesBefore;
        stop.Cancel();
        await running;
        await child.StopAsync(TimeSpan.FromSeconds(20));

        var inbox = ChildBot.InboxCounts(dataDir, "whatsapp");
        var posted = Interlocked.Read(ref acknowledged);
        if (inbox.All != posted)
            throw new InvalidOperationException($"{posted:N0} posts acknowledged but {inbox.All:N0} inbox rows stored: an acknowledged post was not stored (or stored twice).");
        if (inbox.SetAside > 0) throw new InvalidOperationException($"{inbox.SetAside} WhatsApp message(s) set aside: a turn was not applied.\n{child.Tail()}");
        return new LoadResult("WhatsApp webhook: signed posts acknowledged (child process)", log.Answers, elapsed, log.Latencies, cpuMs, peak,
            $"{options.Kader} concurrent posters; posts/s stored before 200, latency = post → 200; {posted:N0} acknowledged = {inbox.All:N0} inbox rows " +
            $"({inbox.Waiting:N0} not yet applied at stop); turns meanwhile sent {replies / elapsed.TotalSeconds:N0} replies/s; CPU is the bot's for ingest and turns");
    }

    private static byte[] Delivery(string from, string wamid, string text)
    {
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("object", "whatsapp_business_account");
            json.WriteStartArray("entry");
            json.WriteStartObject();
            json.WriteString("id", "waba");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WriteString("field", "messages");
            json.WriteStartObject("value");
            json.WriteString("messaging_product", "whatsapp");
            json.WriteStartObject("metadata");
            json.WriteString("display_phone_number", "6281100000000");
            json.WriteString("phone_number_id", PhoneNumberId);
            json.WriteEndObject();
            json.WriteStartArray("contacts");
            json.WriteStartObject();
            json.WriteStartObject("profile");
            json.WriteString("name", "Kader");
            json.WriteEndObject();
            json.WriteString("wa_id", from);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("from", from);
            json.WriteString("id", wamid);
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("type", "text");
            json.WriteStartObject("text");
            json.WriteString("body", text);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static async Task WaitUntilServingAsync(HttpClient http, ChildProcess child)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            child.ThrowIfExited("The bot under test");
            try
            {
                using var response = await http.GetAsync($"{WhatsAppWebhook.Path}?hub.mode=subscribe&hub.verify_token=verify&hub.challenge=ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The bot did not serve its webhook within 60 s.\n{child.Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The Graph API's send, lean: every message is taken and given a wamid; nothing is kept but a count.</summary>
    private sealed class FakeGraph : IAsyncDisposable
    {
        private WebApplication app = null!;
        private long sent;

        public string BaseUrl => app.Urls.First();
        public long Sent => Interlocked.Read(ref sent);

        public static async Task<FakeGraph> StartAsync()
        {
            var fake = new FakeGraph();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            fake.app = builder.Build();
            fake.app.Run(async http =>
            {
                await http.Request.Body.CopyToAsync(Stream.Null);
                if (http.Request.Headers.Authorization != $"Bearer {AccessToken}")
                {
                    http.Response.StatusCode = 401;
                    return;
                }
                var n = Interlocked.Increment(ref fake.sent);
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync($$"""{"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.reply.{{n}}"}]}""");
            });
            await fake.app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
