using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PK.Bot.Channels.WhatsApp;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;
using PK.Domain.People;

// Usage: dotnet run -c Release --project bench/WhatsAppLoad -- [kaders=200] [messagesPerSecond=80]
// Measured 2026-11-29 on the shared 2-core build box (load average ≈ 10, so an upper bound on cost):
//   100 kader × 5 posts, 80 msg/s: 500 posts stored and acknowledged in 31.3 s (16/s; p50 857 ms, p95 3.7 s),
//   all 500 replies at the Graph API after 39.9 s, none twice. The single SQLite writer (webhook commits and
//   turn commits, synchronous=FULL) is the limit here, far below the 80 msg/s the number allows.
var kaders = args.Length > 0 ? int.Parse(args[0]) : 200;
var perSecond = args.Length > 1 ? int.Parse(args[1]) : 80;
// Each kader's family has its own house number, so no duplicate-family question adds a reply.
string[] Script(int kader) => ["/mulai", "Jl. Melati 5", "/lewati", "3", $"2 {kader} 1 4"];
const int scriptLength = 5;
const string secret = "bench-secret";

var folder = Path.Combine(Path.GetTempPath(), "pk-bot-bench", Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
await using var graph = await FakeGraphApi.StartAsync();
var settings = new Dictionary<string, string>
{
    ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(folder, "pk-bot.db")}",
    ["Security:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    ["Urls"] = "http://127.0.0.1:0",
    ["Serilog:MinimumLevel:Default"] = "Warning",
    ["WhatsApp:AccessToken"] = FakeGraphApi.AccessToken,
    ["WhatsApp:PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
    ["WhatsApp:AppSecret"] = secret,
    ["WhatsApp:VerifyToken"] = "v",
    ["WhatsApp:ApiBaseUrl"] = graph.BaseUrl,
    ["WhatsApp:ApiVersion"] = FakeGraphApi.Version,
    ["WhatsApp:Templates:DailyReport"] = "laporan_harian",
    ["WhatsApp:Templates:Reminder"] = "pengingat_kader",
    ["WhatsApp:MessagesPerSecond"] = perSecond.ToString(),
    ["WhatsApp:InboxSettle"] = "00:00:00.050",
};
await using var app = BotHost.CreateBuilder([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]).BuildServer();
await app.StartAsync();

var phones = Enumerable.Range(1, kaders).Select(i => $"62813{i:D8}").ToList();
using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
    foreach (var phone in phones)
        db.People.Add(new Person { Id = Guid.NewGuid(), Name = "Kader", PhoneDigits = phone, Role = Role.Kader, RegionCode = "33.13.01.2001", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync();
}

using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
var latencies = new List<double>();
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (phone, ct) =>
{
    var script = Script(phones.IndexOf(phone) + 1);
    for (var i = 0; i < script.Length; i++)
    {
        var message = new JsonObject { ["from"] = phone, ["id"] = $"wamid.{phone}.{i}", ["timestamp"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + i).ToString(), ["type"] = "text", ["text"] = new JsonObject { ["body"] = script[i] } };
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject { ["id"] = "w", ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["phone_number_id"] = FakeGraphApi.PhoneNumberId },
                ["messages"] = new JsonArray(message),
            } }) }),
        }.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhook.Path) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(body, secret));
        var one = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        lock (latencies) latencies.Add(one.Elapsed.TotalMilliseconds);
    }
});
var ingested = clock.Elapsed;
var expected = kaders * scriptLength;
while (graph.Sent.Count < expected) await Task.Delay(20);
var delivered = clock.Elapsed;
await Task.Delay(500);

latencies.Sort();
var repeated = graph.Sent.GroupBy(m => (m.To, m.Text)).Where(g => g.Count() > 1).ToList();
Console.WriteLine($"same text to the same kader more than once: {repeated.Count}; replies per kader: {string.Join(",", graph.Sent.GroupBy(m => m.To).GroupBy(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}"))}");
foreach (var g in repeated.Take(3)) Console.WriteLine($"  {g.Count()}× {g.Key.Text.Replace('\n', ' ')[..Math.Min(120, g.Key.Text.Length)]}");
Console.WriteLine($"{kaders} kader × {scriptLength} messages = {expected} webhook posts, WhatsApp:MessagesPerSecond={perSecond}");
Console.WriteLine($"ingest: {ingested.TotalSeconds:F2} s → {expected / ingested.TotalSeconds:F0} posts/s stored and acknowledged; p50 {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F1} ms, max {latencies[^1]:F1} ms");
Console.WriteLine($"all replies at the Graph API after {delivered.TotalSeconds:F2} s → {expected / delivered.TotalSeconds:F0} replies/s; sent {graph.Sent.Count} (more than one per post: {graph.Sent.Count - expected}), calls {graph.Calls}");
await app.StopAsync();
SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
