using System.Diagnostics;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class DeployTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task TheSystemdUnitPassesSystemdAnalyzeVerifyWhereAvailable()
    {
        var unit = await File.ReadAllTextAsync(Path.Combine(Root, "deploy", "pk-bot.service"));
        CheckFields(unit);
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        if (analyze is null) return; // the field checks above are what this machine can do

        // The unit as installed, pointing at the bot built here instead of /opt/pk-bot (verify checks the binary exists).
        using var folder = new TempFolder();
        var copy = folder.File("pk-bot.service");
        var apphost = Path.Combine(Path.GetDirectoryName(BotProcess.DllPath)!, "PK.Bot");
        await File.WriteAllTextAsync(copy, unit.Replace("ExecStart=/opt/pk-bot/PK.Bot", $"ExecStart={apphost}"));
        var start = new ProcessStartInfo(analyze) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(copy);
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        // verify only warns (exit 0) about unknown keys or bad values: any line about our unit is a failure.
        Assert.DoesNotContain(stderr.Split('\n'), line => line.Contains("pk-bot.service", StringComparison.Ordinal));
    }

    private static void CheckFields(string unit)
    {
        var fields = unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..])).ToLookup(f => f.Key, f => f.Value);
        Assert.Equal("pk-bot", fields["User"].Single());
        Assert.Equal("pk-bot", fields["StateDirectory"].Single());
        Assert.Equal("/var/lib/pk-bot", fields["WorkingDirectory"].Single());
        Assert.Equal("on-failure", fields["Restart"].Single());
        Assert.Equal("3", fields["RestartPreventExitStatus"].Single());
        Assert.Equal("/opt/pk-bot/PK.Bot", fields["ExecStart"].Single());
        Assert.Equal("yes", fields["NoNewPrivileges"].Single());
        Assert.Equal("strict", fields["ProtectSystem"].Single());
        Assert.Contains(fields["Environment"], e => e.Contains("ConnectionStrings__Bot=Data Source=/var/lib/pk-bot/pk-bot.db"));
        Assert.Empty(fields["MemoryDenyWriteExecute"]); // the .NET JIT needs writable-then-executable memory
    }

    [Fact]
    public void TheComposeFileRunsTheBotBesideAPostgresCoreWithTheKeyFromTheEnvironment()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "compose.yaml"));
        Assert.Contains("image: postgres:15", compose);
        Assert.Contains("Core__Kind: Postgres", compose);
        Assert.Contains("Security__DataKey: ${PK_DATA_KEY:?", compose);
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        Assert.Contains("USER app", dockerfile);
        Assert.Contains("healthz", dockerfile);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PK.Bot.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (PK.Bot.sln) was not found above the test binaries.");
    }
}
