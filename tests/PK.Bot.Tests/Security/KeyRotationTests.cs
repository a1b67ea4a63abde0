using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PK.Bot.Security;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary><c>security rotate-key</c>: killed half-way, every row stays readable under one of the two keys; the next run finishes.</summary>
public sealed class KeyRotationTests
{
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(200, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task ARotationKilledHalfWayIsFinishedByTheNextRunAndEveryRecordStaysReadable()
    {
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, BotFixture.DataKey);
        var oldKey = new DataProtector(Convert.FromBase64String(BotFixture.DataKey));
        var newKey = new DataProtector(Convert.FromBase64String(NewKey));
        AssertNoNikOrName(folder);
        var before = await EncryptedValuesAsync(folder);
        Assert.True(before.Count > 60, $"{before.Count} encrypted values");
        Assert.All(before, v => Assert.True(oldKey.TryUnprotect(v, out _)));

        // Killed after 40 rows, in batches of 25: one batch committed, the next one lost.
        var (exit, _, _) = await RunAsync(folder, BotFixture.DataKey, new() { [KeyRotation.CrashAfterRowsVariable] = "40" }, "security", "rotate-key", "--new-key", NewKey, "--batch-size", "25");
        Assert.Equal(137, exit);
        var half = await EncryptedValuesAsync(folder);
        var underNew = half.Count(v => newKey.TryUnprotect(v, out _));
        var underOld = half.Count(v => oldKey.TryUnprotect(v, out _));
        Assert.Equal(half.Count, underNew + underOld); // every value opens under exactly one of the two keys
        Assert.InRange(underNew, 25, half.Count - 1);
        AssertNoNikOrName(folder);

        // The bot does not start on a half-rotated database.
        var (refused, _, stderr) = await SecuredFolder.RunAsync(folder, BotFixture.DataKey, "", "roster", "status");
        Assert.NotEqual(0, refused);
        Assert.Contains("rotation", Assert.Single(SecuredFolder.Lines(stderr)));

        (exit, _, stderr) = await RunAsync(folder, BotFixture.DataKey, [], "security", "rotate-key", "--new-key", NewKey, "--batch-size", "25");
        Assert.True(exit == 0, stderr);
        var after = await EncryptedValuesAsync(folder);
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, v => Assert.True(newKey.TryUnprotect(v, out _), "every value is under the new key"));
        AssertNoNikOrName(folder);

        // The old key no longer opens it; the new one opens everything, and the rehashed phone still finds the kader.
        (refused, _, stderr) = await SecuredFolder.RunAsync(folder, BotFixture.DataKey, "", "roster", "status");
        Assert.NotEqual(0, refused);
        Assert.Contains("does not open", stderr);
        var (ok, status, err) = await SecuredFolder.RunAsync(folder, NewKey, "", "roster", "status");
        Assert.True(ok == 0, err);
        Assert.Contains(SecuredFolder.WaitingName, status);
        (ok, var chat, err) = await SecuredFolder.RunAsync(folder, NewKey, "/progres\n", "chat", "--phone", SecuredFolder.KaderPhoneLocal);
        Assert.True(ok == 0, err);
        (ok, var export, err) = await SecuredFolder.RunAsync(folder, NewKey, "", "export", "--format", "csv", "--area", "33.13", "--out", folder.File("x/jatipuro"), "--with-pii");
        Assert.True(ok == 0, err);
        Assert.Contains("Budi Santoso", await File.ReadAllTextAsync(folder.File("x/jatipuro-anggota.csv")));
        // The KK NIK's hash was recomputed under the new key: the same KK typed again is recognised.
        var again = SecuredFolder.Family().Take(7).ToList();
        again[3] = "9";
        (ok, chat, err) = await SecuredFolder.RunAsync(folder, NewKey, string.Join("\n", again) + "\n", "chat", "--phone", SecuredFolder.KaderPhoneLocal);
        Assert.True(ok == 0, err);
        Assert.Contains("No. KK yang sama sudah tercatat", chat);
    }

    private static void AssertNoNikOrName(TempFolder folder)
    {
        var raw = SecuredFolder.RawBytes(folder);
        foreach (var secret in new[] { "3313011708750001", "3313014211820002", "Budi Santoso", "Siti Aminah", SecuredFolder.KaderName, SecuredFolder.WaitingName, SecuredFolder.KaderPhone })
            Assert.False(SecuredFolder.Holds(raw, secret), $"the database files hold {secret}");
    }

    /// <summary>Every value of every encrypted column.</summary>
    private static async Task<List<string>> EncryptedValuesAsync(TempFolder folder)
    {
        var values = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={SecuredFolder.Database(folder)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var (table, column) in DataKeyGuard.EncryptedColumns())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        }
        return values;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TempFolder folder, string key, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BotProcess.DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Security__DataKey"] = key;
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
