using System.Diagnostics;
using System.Globalization;

namespace PK.Load;

/// <summary>
/// N kader on Telegram, closed loop: each types its next <see cref="FamilyScript"/> input when the bot's reply to the
/// previous one reached the fake Bot API. Latency is the update queued at the fake → the reply's sendMessage arriving
/// there. The bot under test (PK Bot, or the echo reference) is a child process polling the fake through the real
/// Telegram.Bot client, so CPU and peak RSS are its alone.
/// </summary>
public static class TelegramLoad
{
    /// <summary>Telegram user (= private chat) id of kader 0.</summary>
    public const long FirstUser = 700_000_000;

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    public static async Task<LoadResult> RunBotAsync(string dataDir, LoadOptions options)
    {
        var users = Enumerable.Range(0, options.Kader).Select(k => (FirstUser + k).ToString(CultureInfo.InvariantCulture)).ToList();
        await ChildBot.SeedAsync(dataDir, "telegram", users, k => $"62898{k:D8}", options.Settings);
        await using var api = await FakeTelegramApi.StartAsync();
        using var child = ChildBot.Start(dataDir, new Dictionary<string, string>
        {
            ["Telegram:BotToken"] = FakeTelegramApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:05",
            // Telegram's own limits lifted: the bot's cost is measured, not the platform's pace.
            ["Telegram:MaxMessagesPerSecond"] = "1000000",
            ["Telegram:MaxMessagesPerSecondPerChat"] = "1000000",
        }, options.Settings);
        var result = await DriveAsync("Telegram: PK Bot (child process, fake Bot API)", api, child, options);
        await child.StopAsync(TimeSpan.FromSeconds(20));
        var inbox = ChildBot.InboxCounts(dataDir, "telegram");
        if (inbox.SetAside > 0) throw new InvalidOperationException($"{inbox.SetAside} Telegram update(s) set aside: a turn was not applied.\n{child.Tail()}");
        if (inbox.All < result.Inputs) throw new InvalidOperationException($"{result.Inputs} updates replied to but only {inbox.All} stored in the inbox.");
        return result.Row with { Note = $"{result.Row.Note}; inbox {inbox.All:N0} rows, {inbox.Waiting} waiting at stop, 0 set aside" };
    }

    public static async Task<LoadResult> RunEchoAsync(string dataDir, LoadOptions options)
    {
        Directory.CreateDirectory(dataDir);
        await using var api = await FakeTelegramApi.StartAsync();
        using var child = ChildProcess.Start(ChildProcess.Sibling(Path.Combine("bench", "PK.Load.Echo"), "PK.Load.Echo.dll"), dataDir,
            new Dictionary<string, string> { ["token"] = FakeTelegramApi.Token, ["api"] = api.BaseUrl });
        var result = await DriveAsync("Telegram: echo reference (bench/PK.Load.Echo, same fake)", api, child, options);
        await child.StopAsync(TimeSpan.FromSeconds(10));
        return result.Row;
    }

    private sealed record Driven(LoadResult Row, long Inputs);

    private static async Task<Driven> DriveAsync(string scenario, FakeTelegramApi api, ChildProcess child, LoadOptions options)
    {
        var kader = Enumerable.Range(0, options.Kader).Select(k => new Kader(FirstUser + k)).ToArray();
        api.Replied = (chat, at) =>
        {
            var k = chat - FirstUser;
            if (k >= 0 && k < kader.Length) kader[k].Replied(at);
        };
        await WaitUntilPollingAsync(api, child);

        var log = new LatencyLog();
        var nextFamily = 0;
        var replyPatience = options.Smoke ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(120);
        using var stop = new CancellationTokenSource();
        async Task RunAsync(Kader k)
        {
            while (!stop.IsCancellationRequested)
            {
                var family = Interlocked.Increment(ref nextFamily) - 1;
                var inputs = FamilyScript.Inputs(family);
                for (var i = 0; i < inputs.Count; i++)
                {
                    if (stop.IsCancellationRequested) return;
                    var reply = k.Expect();
                    var queued = Stopwatch.GetTimestamp();
                    api.Says(k.User, inputs[i]);
                    long at;
                    try
                    {
                        at = await reply.WaitAsync(replyPatience);
                    }
                    catch (TimeoutException)
                    {
                        child.ThrowIfExited("The bot");
                        throw new TimeoutException($"Kader {k.User - FirstUser}: no reply within {replyPatience.TotalSeconds:0} s to input {i + 1} of family {family} ({k.Inputs} inputs, {k.Replies} replies so far).\n{child.Tail()}");
                    }
                    log.Add(at > queued ? Stopwatch.GetElapsedTime(queued, at).TotalMilliseconds : 0);
                }
            }
        }

        var tasks = kader.Select(k => Task.Run(() => RunAsync(k))).ToArray();
        var running = Task.WhenAll(tasks);
        // Warm-up: every kader has had a reply (the bot's first turns pay for its JIT), then the warm-up time.
        while (!running.IsCompleted && kader.Any(k => k.Replies == 0)) await Task.WhenAny(running, Task.Delay(50));
        await Task.WhenAny(running, Task.Delay(options.WarmUp));
        ProcessFigures.ResetPeak(child.Id);
        var cpu = ProcessFigures.Cpu(child.Id);
        var watch = Stopwatch.StartNew();
        log.Recording = true;
        await Task.WhenAny(running, Task.Delay(options.Measure));
        log.Recording = false;
        var elapsed = watch.Elapsed;
        var cpuMs = (ProcessFigures.Cpu(child.Id) - cpu).TotalMilliseconds;
        var peak = ProcessFigures.PeakRss(child.Id);
        stop.Cancel();
        // Every kader waits for the reply to its last input: a reply missing fails the run here.
        await running;
        var inputsSent = kader.Sum(k => k.Inputs);
        var replies = kader.Sum(k => k.Replies);
        if (replies < inputsSent) throw new InvalidOperationException($"{inputsSent} inputs but {replies} replies");
        var note = $"{options.Kader} kader; {replies / (double)inputsSent:0.000} replies per input ({inputsSent:N0} inputs); {api.OtherCalls:N0} other API calls";
        return new Driven(new LoadResult(scenario, log.Answers, elapsed, log.Latencies, cpuMs, peak, note), inputsSent);
    }

    private static async Task WaitUntilPollingAsync(FakeTelegramApi api, ChildProcess child)
    {
        var deadline = Stopwatch.StartNew();
        while (!api.Polling.IsCompleted)
        {
            child.ThrowIfExited("The bot under test");
            if (deadline.Elapsed > StartPatience) throw new TimeoutException($"The bot did not poll within {StartPatience.TotalSeconds:0} s.\n{child.Tail()}");
            await Task.WhenAny(api.Polling, Task.Delay(100));
        }
    }

    /// <summary>One kader's replies so far and the wait for the next: a reply answers the oldest input not yet answered.</summary>
    private sealed class Kader(long user)
    {
        private readonly Lock gate = new();
        private TaskCompletionSource<long>? waiter;
        private int inputs;
        private int replies;

        public long User { get; } = user;
        public int Inputs { get { lock (gate) return inputs; } }
        public int Replies { get { lock (gate) return replies; } }

        /// <summary>Counts one more input; the task completes with the arrival time of the reply that answers it.</summary>
        public Task<long> Expect()
        {
            lock (gate)
            {
                inputs++;
                var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                // An extra reply to an earlier input already counted for this one: it is answered (latency 0).
                if (replies >= inputs) tcs.SetResult(Stopwatch.GetTimestamp());
                else waiter = tcs;
                return tcs.Task;
            }
        }

        public void Replied(long at)
        {
            TaskCompletionSource<long>? done = null;
            lock (gate)
            {
                replies++;
                if (waiter is not null && replies >= inputs)
                {
                    done = waiter;
                    waiter = null;
                }
            }
            done?.TrySetResult(at);
        }
    }
}
