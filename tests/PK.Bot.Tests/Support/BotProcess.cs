using System.Diagnostics;

namespace PK.Bot.Tests.Support;

/// <summary>The built PK.Bot.dll, run with `dotnet` as a child process in a folder of its own.</summary>
public static class BotProcess
{
    public static string DllPath { get; } = FindDll();

    public static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Security__DataKey"] = BotFixture.DataKey;
        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs to the end with <paramref name="input"/> on stdin.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, string input, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll()
    {
        // tests/PK.Bot.Tests/bin/<Configuration>/<tfm>/ → src/PK.Bot/bin/<Configuration>/<tfm>/PK.Bot.dll
        var mine = AppContext.BaseDirectory;
        var sibling = mine.Replace(Path.Combine("tests", "PK.Bot.Tests"), Path.Combine("src", "PK.Bot"));
        var candidate = Path.Combine(sibling, "PK.Bot.dll");
        if (File.Exists(candidate)) return candidate;
        candidate = Path.Combine(mine, "PK.Bot.dll");
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException("Build src/PK.Bot first.", candidate);
    }
}
