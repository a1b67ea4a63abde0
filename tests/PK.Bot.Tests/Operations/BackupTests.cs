using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Operations;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class BackupTests
{
    private const int Kaders = 3;

    [Fact]
    public async Task ADailyBackupTakenWhileFamiliesAreRecordedIsRestoredWithEveryAnswer()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 14, 1, 59, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var settings = new Dictionary<string, string> { ["Backup:Daily"] = "02:00", ["Backup:Keep"] = "2" };
        List<(long Id, string Value)> beforeBackup, afterRecording;
        string copy, first;
        await using (var bot = await ReportingBot.StartAsync(clock, settings, folder))
        {
            var daily = bot.App.Services.GetRequiredService<DailyBackup>();
            var copies = System.Threading.Channels.Channel.CreateUnbounded<string>();
            daily.Written += path => copies.Writer.TryWrite(path);
            for (var k = 0; k < Kaders; k++) await bot.AddPersonAsync($"Kader {k}", $"62813111100{k:00}", chatId: $"c{k}");

            // Each kader records families one answer at a time while the copy is taken.
            var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var recording = Task.WhenAll(Enumerable.Range(0, Kaders).Select(k => Task.Run(async () =>
            {
                var turn = 0;
                for (var family = 0; family < 3; family++)
                    foreach (var line in Script.Family(houseNumber: 10 + family, nik: $"33130115078000{k}{family}"))
                    {
                        await bot.Dispatcher.DispatchAsync(Messages.Text($"c{k}", $"m{turn++}", line));
                        if (k == 0 && turn == 15) halfway.TrySetResult();
                    }
            })));
            await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
            beforeBackup = await AuditAsync(bot.App.Services.GetRequiredService<PK.Bot.Persistence.BotDatabase>().ConnectionString);
            clock.Advance(TimeSpan.FromMinutes(1));
            first = await copies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            // The copy taken mid-recording is the one restored: keep it out of the rotation.
            copy = folder.File("first-copy.db");
            File.Copy(first, copy);
            await recording.WaitAsync(TimeSpan.FromSeconds(120));
            afterRecording = await AuditAsync(bot.App.Services.GetRequiredService<PK.Bot.Persistence.BotDatabase>().ConnectionString);

            // Two more days: only the newest Backup:Keep copies stay.
            clock.Advance(TimeSpan.FromDays(1));
            await copies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            clock.Advance(TimeSpan.FromDays(1));
            await copies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(["pk-bot-20260415-020000.db", "pk-bot-20260416-020000.db"],
                Directory.GetFiles(Path.GetDirectoryName(first)!, "pk-bot-*.db").Select(f => Path.GetFileName(f)!).Order());
        }
        Assert.NotEmpty(beforeBackup);

        // The copy: consistent, every answer acknowledged before it began, nothing that was never stored, no plaintext.
        var copied = await AuditAsync($"Data Source={copy};Pooling=False");
        Assert.Superset(beforeBackup.ToHashSet(), copied.ToHashSet());
        Assert.Subset(afterRecording.ToHashSet(), copied.ToHashSet());
        var raw = await File.ReadAllBytesAsync(copy);
        Assert.Equal(-1, raw.AsSpan().IndexOf("Kader 0"u8));
        Assert.Equal(-1, raw.AsSpan().IndexOf("Budi Santoso"u8));

        var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "restore", copy, $"--ConnectionStrings:Bot=Data Source={folder.File("pk-bot.db")}");
        Assert.True(exit == 0, stderr);
        Assert.Single(Directory.GetFiles(folder.Path, "pk-bot.db.replaced-*"));
        var replaced = Directory.GetFiles(folder.Path, "pk-bot.db.replaced-*")[0];
        Assert.Equal(afterRecording, await AuditAsync($"Data Source={replaced};Pooling=False"));

        // The restored bot reads every answer of the copy through its key.
        await using (var restored = await ReportingBot.StartAsync(clock, folder: folder))
        {
            var answers = await restored.QueryAsync(db => db.AnswerAudit.OrderBy(a => a.Id).Select(a => new { a.Id, a.ValueJson }).ToListAsync());
            Assert.Equal(copied.Select(c => c.Id), answers.Select(a => a.Id));
            Assert.Contains(answers, a => a.ValueJson is not null && a.ValueJson.Contains("Budi Santoso"));
        }
    }

    [Fact]
    public async Task RestoreRefusesACorruptCopyAndACopyUnderAnotherKeyAndChangesNothing()
    {
        using var folder = new TempFolder();
        using var other = new TempFolder();
        await using (var bot = await BotFixture.StartAsync(folder: folder))
            await bot.AddPersonAsync("Siti Aminah", "6281311110001");
        await using (var foreign = await BotFixture.StartAsync(folder: other, settings: new Dictionary<string, string>
        {
            ["Security:DataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }))
            await foreign.AddPersonAsync("Orang Lain", "6281311110002");
        SqliteConnection.ClearAllPools();
        var foreignCopy = folder.File("foreign.db");
        await DatabaseBackup.CopyAsync($"Data Source={other.File("pk-bot.db")};Pooling=False", foreignCopy, CancellationToken.None);
        var corrupt = folder.File("corrupt.db");
        await DatabaseBackup.CopyAsync($"Data Source={folder.File("pk-bot.db")};Pooling=False", corrupt, CancellationToken.None);
        await using (var stream = new FileStream(corrupt, FileMode.Open))
        {
            // Scribble over the b-tree header of every page after the first, as a bad disk sector would.
            for (var page = 4096L; page < stream.Length; page += 4096)
            {
                stream.Position = page;
                stream.Write(Enumerable.Repeat((byte)0xA5, 12).ToArray());
            }
        }
        var garbage = folder.File("garbage.db");
        await File.WriteAllTextAsync(garbage, "this is not a database at all, just text that someone named .db");
        var live = await SnapshotAsync(folder.File("pk-bot.db"));

        foreach (var (copy, reason) in new[] { (corrupt, "SQLite"), (garbage, "SQLite"), (foreignCopy, "another key") })
        {
            var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "restore", copy, $"--ConnectionStrings:Bot=Data Source={folder.File("pk-bot.db")}");
            Assert.True(exit == 1, $"{copy}: exit {exit}: {stderr}");
            Assert.Contains(reason, stderr, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Nothing was changed", stderr);
            Assert.Equal(live, await SnapshotAsync(folder.File("pk-bot.db")));
            Assert.Empty(Directory.GetFiles(folder.Path, "pk-bot.db.replaced-*"));
        }
    }

    private static async Task<string> SnapshotAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));

    /// <summary>Every stored answer as raw stored text (encrypted), by id.</summary>
    private static async Task<List<(long Id, string Value)>> AuditAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ItemKey || ' ' || COALESCE(ValueJson, '') FROM answer_audit ORDER BY Id";
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }
}
