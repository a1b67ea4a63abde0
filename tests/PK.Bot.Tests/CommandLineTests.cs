using Microsoft.Data.Sqlite;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task MigrateCreatesTheSchemaInAnEmptyFolder()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "migrate");

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(folder.File("data/pk-bot.db")), "the default database lives in data/ under the working directory");
        await using var connection = new SqliteConnection($"Data Source={folder.File("data/pk-bot.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Superset(new HashSet<string> { "people", "chat_links", "chat_states", "interviews", "answer_audit", "processed_messages", "outbox_messages", "inbox_messages", "submitted_records" }, tables.ToHashSet());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ChatWithANumberNotOnTheRosterExitsWithCodeTwo()
    {
        using var folder = new TempFolder();

        var (exit, stdout, stderr) = await BotProcess.RunAsync(folder.Path, "halo\n", "chat", "--phone", "081399990000");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("tidak ada di daftar", stderr);
        Assert.DoesNotContain("81399990000", stderr);
    }

    [Fact]
    public async Task AWrongSettingStopsStartUpNamingTheKey()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "migrate", "--Outbox:Parallelism=0");

        Assert.NotEqual(0, exit);
        Assert.Contains("Outbox:Parallelism", stderr);
    }

    [Fact]
    public async Task ChatPrintsEveryReplyFollowedByABlankLineAndExitsAtTheEndOfInput()
    {
        using var folder = new TempFolder();
        await using (var bot = await BotFixture.StartAsync(folder: folder))
            await bot.AddPersonAsync("Siti Aminah", "6281311110001");

        var (exit, stdout, stderr) = await BotProcess.RunAsync(folder.Path, "/mulai\nJl. Melati 5\n", "chat", "--phone", "0813-1111-0001",
            $"--ConnectionStrings:Bot=Data Source={folder.File("pk-bot.db")}");

        Assert.True(exit == 0, stderr);
        var blocks = stdout.Split("\n\n");
        Assert.Equal(3, blocks.Length);
        Assert.StartsWith("Mulai mencatat", blocks[0]);
        Assert.StartsWith("✓ K.1 Alamat rumah: Jl. Melati 5", blocks[1]);
        Assert.Equal("", blocks[2]);
        Assert.DoesNotContain("[", stdout.Split('\n').FirstOrDefault(l => l.StartsWith('[') && l.Contains("INF")) ?? "");
    }
}
