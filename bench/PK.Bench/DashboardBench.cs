using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Dashboard;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Domain.People;
using PK.Domain.Regions;

/// <summary>
/// Every dashboard page at Karanganyar scale (the seeded database), through the real server on loopback: a koordinator
/// of the kabupaten and an admin sign in with a link, then each page is fetched 1 + 7 times. Figures are reported, not
/// asserted; on loopback the HTTP overhead is well under a millisecond, so the time is the server's.
/// </summary>
internal static class DashboardBench
{
    public static async Task RunAsync(string dir, string key, string[] extra)
    {
        var builder = BotHost.CreateBuilder([
            $"--ConnectionStrings:Bot=Data Source={Path.Combine(dir, "pk-bot.db")}", $"--Security:DataKey={key}", "--Serilog:MinimumLevel:Default=Warning",
            "--Urls=http://127.0.0.1:0", "--Dashboard:PublicUrl=http://bench.test",
            // The core stays unreachable and nothing is scheduled: only the pages work.
            "--Core:Kind=Http", "--Core:Url=http://127.0.0.1:9/records", "--Core:ApiKey=bench", "--Reports:DailyAt=23:59", "--Reports:KaderTally=false", .. extra]);
        await using var app = builder.BuildServer();
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        var now = DateTimeOffset.UtcNow;

        Guid koordinator, admin;
        string desa, kecamatan;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            koordinator = await db.People.Where(p => p.Role == Role.Koordinator && p.RegionCode == "33.13").Select(p => p.Id).FirstAsync();
            admin = await db.People.Where(p => p.Role == Role.Admin).Select(p => p.Id).FirstOrDefaultAsync();
            if (admin == Guid.Empty)
            {
                admin = Guid.NewGuid();
                db.People.Add(new Person { Id = admin, Name = "Admin Bench", PhoneDigits = "6281200008888", Role = Role.Admin, RegionCode = "33.13", CreatedAt = now, UpdatedAt = now });
                await db.SaveChangesAsync();
            }
            // The busiest desa and its kecamatan.
            desa = await db.FamilyFacts.GroupBy(f => f.DesaCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            kecamatan = RegionCode.Parse(desa).Parent!.Value.Dotted;
        }

        var pages = new (string Who, string Name, string Path)[]
        {
            ("koordinator", "Ringkasan (kabupaten)", "/dasbor"),
            ("koordinator", "Ringkasan sorted by %", "/dasbor/wilayah/33.13?urut=persen&arah=turun"),
            ("koordinator", "Wilayah kecamatan", $"/dasbor/wilayah/{kecamatan}"),
            ("koordinator", "Wilayah desa (kader list)", $"/dasbor/wilayah/{desa}"),
            ("koordinator", "Chart SVG (after its page)", "/dasbor/grafik/33.13/grafik.svg"),
            ("koordinator", "Kader (kabupaten)", "/dasbor/kader"),
            ("koordinator", "Unduh", "/dasbor/unduh"),
            ("admin", "Pusat", "/dasbor/pusat"),
        };
        var clients = new Dictionary<string, HttpClient>
        {
            ["koordinator"] = await SignInAsync(app.Services, baseUrl, koordinator, now),
            ["admin"] = await SignInAsync(app.Services, baseUrl, admin, now),
        };
        var families = await app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<BotDbContext>().FamilyFacts.CountAsync();
        Console.WriteLine($"dashboard pages over {families:N0} families (busiest desa {desa}), 1 cold + 7 warm requests each; " +
                          $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (CPU = the whole process's, server and client, per request):");
        foreach (var (who, name, path) in pages)
        {
            var times = new List<double>();
            var cpu = new List<double>();
            for (var run = 0; run < 8; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                using var response = await clients[who].GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                if (run == 0) await File.WriteAllBytesAsync(Path.Combine(dir, $"dasbor-{Regex.Replace(path, "[^a-z0-9]+", "-").Trim('-')}.{(path.EndsWith(".svg", StringComparison.Ordinal) ? "svg" : "html")}"), body);
            }
            var warm = times.Skip(1).Order().ToList();
            var warmCpu = cpu.Skip(1).Order().ToList();
            Console.WriteLine($"  {name,-28} first {times[0],6:0} ms   warm median {warm[warm.Count / 2],6:0} ms   max {warm[^1],6:0} ms   " +
                              $"CPU median {warmCpu[warmCpu.Count / 2],5:0} ms   {(warm[warm.Count / 2] < 300 ? "< 300 ms" : "OVER 300 ms")}");
        }
        foreach (var client in clients.Values) client.Dispose();
        await app.StopAsync();
    }

    private static async Task<HttpClient> SignInAsync(IServiceProvider services, string baseUrl, Guid person, DateTimeOffset now)
    {
        string token;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            token = DashboardTokens.IssueLink(db, person, now, TimeSpan.FromMinutes(15));
            await db.SaveChangesAsync();
        }
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        var shown = await http.GetStringAsync($"/dasbor/masuk?t={token}");
        var af = Regex.Match(shown, "name=\"__af\" value=\"([^\"]*)\"").Groups[1].Value;
        using var signedIn = await http.PostAsync("/dasbor/masuk", new FormUrlEncodedContent([new("t", token), new("__af", WebUtility.HtmlDecode(af))]));
        if (signedIn.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in: {(int)signedIn.StatusCode}");
        return http;
    }
}
