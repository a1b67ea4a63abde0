using System.Globalization;
using PK.Load;

// One command, one table: the message path under a census day's load.
//   dotnet run -c Release --project bench/PK.Load -- [--only reference,inproc,telegram,echo,whatsapp] [--kader 200] [--seconds 30]
//        [--families 300000] [--open 10000] [--data DIR] [--smoke]
// Every figure of a run comes from the same run, references included. See docs/PERFORMANCE.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = LoadOptions.Parse(args);
Console.WriteLine($"PK.Load: {Environment.ProcessorCount} cores, load average {LoadOptions.LoadAverage()}, measuring {options.Measure.TotalSeconds:0} s per scenario after {options.WarmUp.TotalSeconds:0} s warm-up{(options.Smoke ? " (smoke)" : "")}");
var results = new List<LoadResult>();
void Show(LoadResult result)
{
    results.Add(result);
    Console.WriteLine($"  done: {result.Scenario}: {result.PerSecond:N0}/s");
}

var scratch = Path.Combine(options.DataRoot, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
Directory.CreateDirectory(scratch);
try
{
    if (options.Runs("reference"))
    {
        Show(SqliteReference.CommitRate(scratch, "FULL", options.Short));
        Show(SqliteReference.BatchedRate(scratch, "FULL", options.Short));
    }
    if (options.Runs("inproc"))
        Show(await InProcessLoad.RunAsync("in-process: dispatcher → turn → commit → outbox", Path.Combine(scratch, "inproc"), options.Kader, options.WarmUp, options.Measure, options.Settings));
    if (options.Runs("telegram"))
        Show(await TelegramLoad.RunBotAsync(Path.Combine(scratch, "telegram"), options));
    if (options.Runs("echo"))
        Show(await TelegramLoad.RunEchoAsync(Path.Combine(scratch, "echo"), options));
    if (options.Runs("whatsapp"))
        Show(await WebhookLoad.RunAsync(Path.Combine(scratch, "whatsapp"), options));
    if (options.Families > 0 && options.Runs("families"))
    {
        var preloaded = Path.Combine(options.DataRoot, $"families-{options.Families}");
        await Preload.EnsureAsync(preloaded, options.Families, options.Settings);
        Show(await InProcessLoad.RunAsync($"in-process, {options.Families:N0} families and {Preload.RosterKader:N0} kader preloaded", preloaded, options.Kader, options.WarmUp, options.Measure, options.Settings));
    }
    if (options.Open > 0 && options.Runs("open"))
        Show(await InProcessLoad.RunAsync($"in-process, {options.Open:N0} families in progress at once", Path.Combine(scratch, "open"), options.Open, options.WarmUp, options.Measure, options.Settings, startEveryFamily: true));
}
finally
{
    if (!options.KeepData) Directory.Delete(scratch, recursive: true);
}

Console.WriteLine();
Console.WriteLine($"| scenario | answers/s | p50 ms | p95 ms | p99 ms | CPU ms/answer | peak RSS MB | note |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---|");
foreach (var r in results)
    Console.WriteLine($"| {r.Scenario} | {r.PerSecond:N0} | {r.Percentile(0.50):0.0} | {r.Percentile(0.95):0.0} | {r.Percentile(0.99):0.0} | {r.CpuMsPerAnswer:0.000} | {r.PeakRssBytes / 1048576.0:0} | {r.Note} |");

public sealed record LoadOptions(HashSet<string> Only, int Kader, TimeSpan WarmUp, TimeSpan Measure, int Families, int Open, string DataRoot, bool KeepData, bool Smoke, Dictionary<string, string> Settings)
{
    public TimeSpan Short => Measure < TimeSpan.FromSeconds(5) ? Measure : TimeSpan.FromSeconds(5);

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var smoke = args.Contains("--smoke");
        var seconds = double.Parse(Value("--seconds") ?? (smoke ? "1" : "30"));
        var settings = args.Where(a => a.StartsWith("--set:", StringComparison.Ordinal)).Select(a => a["--set:".Length..].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new LoadOptions(
            [.. (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)],
            int.Parse(Value("--kader") ?? (smoke ? "20" : "200")),
            TimeSpan.FromSeconds(smoke ? 0.5 : Math.Min(5, seconds / 3)),
            TimeSpan.FromSeconds(seconds),
            // The smoke preloads and opens a few families, so CI runs those paths too.
            int.Parse(Value("--families") ?? (smoke ? "300" : "0")),
            int.Parse(Value("--open") ?? (smoke ? "100" : "0")),
            Path.GetFullPath(Value("--data") ?? Path.Combine(Path.GetTempPath(), "pk-load")),
            args.Contains("--keep"),
            smoke,
            settings);
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
