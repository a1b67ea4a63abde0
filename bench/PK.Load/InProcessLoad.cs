using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Turns;
using PK.Domain.Conversations;
using PK.Domain.People;

namespace PK.Load;

/// <summary>
/// The pipeline without a platform: N kader hand their answers to the real dispatcher (turn → commit → outbox) in a
/// closed loop, each waiting for its turn to commit before typing the next answer. A committed turn is what a
/// channel acknowledges, so every answer counted here survives kill -9.
/// </summary>
public static class InProcessLoad
{
    public const string Channel = "load";

    /// <param name="startEveryFamily">Warm up until every kader has a family in progress (and count the peak memory from the start).</param>
    public static async Task<LoadResult> RunAsync(string scenario, string dataDir, int kader, TimeSpan warmUp, TimeSpan measure, IReadOnlyDictionary<string, string> settings,
        bool startEveryFamily = false)
    {
        await using var bot = await LoadBot.StartAsync(dataDir, settings);
        var people = await bot.EnsureKaderAsync(kader);
        using var started = new CountdownEvent(kader);
        if (startEveryFamily) ProcessFigures.ResetPeak();
        var dispatcher = bot.App.Services.GetRequiredService<ChatDispatcher>();
        var log = new LatencyLog();
        var nextFamily = await bot.FirstFreeFamilyAsync();
        using var stop = new CancellationTokenSource();

        async Task KaderAsync(int k)
        {
            var chat = new ChatKey(Channel, people[k].ChatId);
            var messageId = 0;
            while (!stop.IsCancellationRequested)
            {
                var family = Interlocked.Increment(ref nextFamily) - 1;
                for (var i = 0; i < FamilyScript.Count; i++)
                {
                    var text = FamilyScript.Input(family, i);
                    if (stop.IsCancellationRequested) return;
                    var sent = Stopwatch.GetTimestamp();
                    var outcome = await dispatcher.DispatchAsync(new IncomingMessage(chat, $"{Environment.ProcessId}-{++messageId}", new Inbound(InboundKind.Text, text, DateTimeOffset.UtcNow)));
                    if (outcome != TurnOutcome.Applied) throw new InvalidOperationException($"turn {outcome} for kader {k}");
                    log.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (i == 2 && !started.IsSet) started.Signal();
                }
            }
        }

        var tasks = Enumerable.Range(0, kader).Select(k => Task.Run(() => KaderAsync(k))).ToArray();
        await Task.Delay(warmUp);
        if (startEveryFamily)
        {
            while (!started.Wait(TimeSpan.FromSeconds(10))) Console.WriteLine($"  {kader - started.CurrentCount:N0} of {kader:N0} families started");
        }
        else ProcessFigures.ResetPeak();
        var cpu = ProcessFigures.Cpu();
        var watch = Stopwatch.StartNew();
        log.Recording = true;
        await Task.Delay(measure);
        log.Recording = false;
        var elapsed = watch.Elapsed;
        var cpuMs = (ProcessFigures.Cpu() - cpu).TotalMilliseconds;
        var peak = ProcessFigures.PeakRss();
        var heap = GC.GetGCMemoryInfo();
        stop.Cancel();
        await Task.WhenAll(tasks);
        var submitted = await bot.CountAsync(db => db.SubmittedRecords.CountAsync());
        var open = await bot.CountAsync(db => db.Interviews.CountAsync(i => i.Status != PK.Domain.Interviews.InterviewStatus.Submitted && i.Status != PK.Domain.Interviews.InterviewStatus.Cancelled));
        return new LoadResult(scenario, log.Answers, elapsed, log.Latencies, cpuMs, peak, $"{kader:N0} kader; at the end {submitted:N0} families submitted, {open:N0} in progress; managed heap {heap.HeapSizeBytes / 1048576.0:0} MB after the last GC");
    }
}

/// <summary>The real host on a SQLite file, with a channel that takes every reply at once.</summary>
public sealed class LoadBot : IAsyncDisposable
{
    public static readonly string DataKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private LoadBot(WebApplication app) => App = app;

    public WebApplication App { get; }

    public static async Task<LoadBot> StartAsync(string dataDir, IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(dataDir);
        var args = new Dictionary<string, string>
        {
            ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(dataDir, "pk-bot.db")}",
            ["ConnectionStrings:Core"] = $"Data Source={Path.Combine(dataDir, "pk-core.db")}",
            ["Security:DataKey"] = DataKey,
            ["Urls"] = "http://127.0.0.1:0",
            ["Reports:KaderTally"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) args[key] = value;
        var builder = BotHost.CreateBuilder([.. args.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.Services.AddSingleton<IChannelSender, NullSender>();
        var app = builder.BuildServer();
        await app.StartAsync();
        return new LoadBot(app);
    }

    /// <summary>Kader 0..n-1 linked on the load channel (chat id "k{n}"), created when missing.</summary>
    public async Task<IReadOnlyList<(Guid Id, string ChatId)>> EnsureKaderAsync(int count)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var linked = await db.ChatLinks.Where(l => l.Channel == InProcessLoad.Channel).ToDictionaryAsync(l => l.ChatId, l => l.PersonId);
        var now = DateTimeOffset.UtcNow;
        var people = new List<(Guid, string)>();
        for (var k = 0; k < count; k++)
        {
            var chatId = $"k{k}";
            if (!linked.TryGetValue(chatId, out var id))
            {
                id = Guid.NewGuid();
                db.People.Add(new Person { Id = id, Name = $"Kader Beban {k}", PhoneDigits = $"62899{k:D8}", Role = Role.Kader, RegionCode = Desa, CreatedAt = now, UpdatedAt = now });
                db.ChatLinks.Add(new ChatLink { Channel = InProcessLoad.Channel, ChatId = chatId, PersonId = id, LinkedAt = now });
            }
            people.Add((id, chatId));
        }
        await db.SaveChangesAsync();
        return people;
    }

    /// <summary>Family numbers already used by earlier runs on this database are skipped (their NIKs are recorded).</summary>
    public async Task<int> FirstFreeFamilyAsync() => await CountAsync(db => db.Interviews.CountAsync(i => i.RegionCode == Desa));

    /// <summary>The desa of the load's kader (preloaded families are recorded in another).</summary>
    public const string Desa = "33.13.01.2001";

    public async Task<T> CountAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class NullSender : IChannelSender
    {
        public string Channel => InProcessLoad.Channel;
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
