using System.Diagnostics;
using PK.Bot.Operations;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class InstanceLockTests
{
    private static readonly string[] ServeArgs = ["--Urls=http://127.0.0.1:0"];

    [Fact]
    public async Task ASecondServeOnTheSameDatabaseIsRefusedNamingTheHolderWhileReadersKeepWorking()
    {
        using var folder = new TempFolder();
        using var first = BotProcess.Start(folder.Path, ServeArgs);
        try
        {
            await WaitForStartedAsync(first);

            var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", ServeArgs);
            Assert.True(exit == 3, $"exit {exit}: {stderr}");
            Assert.Contains($"process {first.Id}", stderr);

            var before = await File.ReadAllBytesAsync(folder.File("data/pk-bot.db"));
            var restore = await BotProcess.RunAsync(folder.Path, "", "restore", folder.File("data/pk-bot.db.pid"));
            Assert.True(restore.ExitCode == 1, restore.Stderr);
            Assert.Contains("Stop it first", restore.Stderr);
            Assert.Contains($"process {first.Id}", restore.Stderr);
            Assert.Equal(before, await File.ReadAllBytesAsync(folder.File("data/pk-bot.db")));

            var status = await BotProcess.RunAsync(folder.Path, "", "forward", "status");
            Assert.True(status.ExitCode == 0, status.Stderr);
            var roster = await BotProcess.RunAsync(folder.Path, "", "roster", "status");
            Assert.True(roster.ExitCode == 0, roster.Stderr);
        }
        finally
        {
            first.Kill(); // SIGKILL: no shutdown code runs, the OS drops the lock
            await first.WaitForExitAsync();
        }

        using var second = BotProcess.Start(folder.Path, ServeArgs);
        try
        {
            await WaitForStartedAsync(second);
            Assert.Contains($"{second.Id} ", await File.ReadAllTextAsync(InstanceLock.PidPath(folder.File("data/pk-bot.db"))));
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public void TheLockIsExclusiveUntilReleased()
    {
        using var folder = new TempFolder();
        var db = folder.File("pk-bot.db");

        var held = InstanceLock.TryAcquire(db, out _);
        Assert.NotNull(held);
        Assert.Null(InstanceLock.TryAcquire(db, out var holder));
        Assert.Contains($"process {Environment.ProcessId}", holder);

        held.Dispose();
        using var again = InstanceLock.TryAcquire(db, out _);
        Assert.NotNull(again);
    }

    /// <summary>Reads the bot's stderr until the host says it started (the lock is taken before that).</summary>
    internal static async Task WaitForStartedAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            if (line.Contains("Application started", StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"The bot exited ({(process.HasExited ? process.ExitCode : -1)}) before it started.");
    }
}
