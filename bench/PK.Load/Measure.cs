using System.Diagnostics;

namespace PK.Load;

/// <summary>One row of the table: what a scenario did in its measured window.</summary>
public sealed record LoadResult(string Scenario, long Answers, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, double CpuMs, long PeakRssBytes, string Note = "")
{
    public double PerSecond => Answers / Elapsed.TotalSeconds;
    public double CpuMsPerAnswer => Answers == 0 ? double.NaN : CpuMs / Answers;

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>CPU time and peak resident memory of a process (this one, or a child by id), read from /proc on Linux.</summary>
public static class ProcessFigures
{
    public static TimeSpan Cpu(int? pid = null)
    {
        using var process = pid is { } id ? Process.GetProcessById(id) : Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>VmHWM: the peak resident set since start or since <see cref="ResetPeak"/>.</summary>
    public static long PeakRss(int? pid = null)
    {
        var path = $"/proc/{(pid?.ToString() ?? "self")}/status";
        if (!File.Exists(path)) return Process.GetCurrentProcess().PeakWorkingSet64;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    /// <summary>Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS).</summary>
    public static void ResetPeak(int? pid = null)
    {
        try { File.WriteAllText($"/proc/{(pid?.ToString() ?? "self")}/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Collects per-answer latencies from many tasks.</summary>
public sealed class LatencyLog
{
    private readonly Lock gate = new();
    private readonly List<double> latencies = [];
    private long answers;

    public bool Recording { get; set; }

    public void Add(double milliseconds)
    {
        if (!Recording) return;
        Interlocked.Increment(ref answers);
        lock (gate) latencies.Add(milliseconds);
    }

    public long Answers => Interlocked.Read(ref answers);

    public IReadOnlyList<double> Latencies
    {
        get { lock (gate) return [.. latencies]; }
    }
}
