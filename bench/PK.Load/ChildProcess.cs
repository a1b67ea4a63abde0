using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PK.Load;

/// <summary>
/// A built .NET program (the bot, or the echo reference) run with <c>dotnet</c> as a child process, so its CPU time
/// and peak memory are its own. Its stderr is kept (the last lines) to explain a failure.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private ChildProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The built assembly of a sibling project: bench/PK.Load/bin/&lt;config&gt;/&lt;tfm&gt;/ → <paramref name="project"/>/bin/&lt;config&gt;/&lt;tfm&gt;/<paramref name="assembly"/>.</summary>
    public static string Sibling(string project, string assembly)
    {
        var mine = AppContext.BaseDirectory;
        var candidate = Path.Combine(mine.Replace(Path.Combine("bench", "PK.Load", "bin"), Path.Combine(project, "bin")), assembly);
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"Build {project} first (the same configuration as PK.Load).", candidate);
    }

    public static ChildProcess Start(string dll, string workingDirectory, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>A loopback port free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Throws with the child's last output lines when it has exited.</summary>
    public void ThrowIfExited(string what)
    {
        if (process.HasExited) throw new InvalidOperationException($"{what} exited with {process.ExitCode}:\n{Tail()}");
    }

    public string Tail()
    {
        lock (lastLines) return string.Join('\n', lastLines);
    }

    /// <summary>SIGTERM (a graceful stop), then kill after <paramref name="patience"/>.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 40) lastLines.Dequeue();
        }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
