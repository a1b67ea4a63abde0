using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Reporting;
using PK.Bot.Security;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary>Everything that holds answers is readable by the bot's user alone: files 0600, folders the bot creates 0700.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    private static void AssertMode(UnixFileMode expected, string path)
    {
        Assert.True(Path.Exists(path), path + " exists");
        var mode = File.GetUnixFileMode(path);
        Assert.True(mode == expected, $"{Path.GetFileName(path)}: {mode} (expected {expected})");
    }

    [Fact]
    public async Task TheDatabaseKeyBackupsAndExportsOfRealRunsAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, key: null); // Development: the generated key file too

        // While the bot serves, its database and the SQLite core it forwards to have their -wal and -shm open.
        var db = SecuredFolder.Database(folder);
        var core = folder.File("data/pk-core.db");
        using (var serving = BotProcess.Start(folder.Path, "--Security:DataKey=", "--environment=Development", "--Urls=http://127.0.0.1:0", "--Forwarding:PollInterval=00:00:00.050"))
        {
            try
            {
                await Eventually.HoldsAsync(() => Task.FromResult(new[] { db + "-wal", db + "-shm", core, core + "-wal", core + "-shm" }.All(File.Exists)),
                    "the serving bot has its database and the core open", 60);
                await Eventually.HoldsAsync(async () => await CoreRowsAsync(core) == 1, "the family reached the core", 60);
                AssertMode(PrivateFolder, folder.File("data"));
                foreach (var file in new[] { db, db + "-wal", db + "-shm", core, core + "-wal", core + "-shm", folder.File("data/" + DataKeySource.KeyFileName) })
                    AssertMode(Private, file);
            }
            finally
            {
                serving.Kill(entireProcessTree: true);
                await serving.WaitForExitAsync();
            }
        }

        var backup = folder.File("cadangan/harian/pk-bot.db");
        var (exit, _, stderr) = await SecuredFolder.RunAsync(folder, null, "", "backup", backup);
        Assert.True(exit == 0, stderr);
        AssertMode(Private, backup);
        AssertMode(PrivateFolder, folder.File("cadangan"));
        AssertMode(PrivateFolder, folder.File("cadangan/harian"));
        await using (var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT count(*) FROM submitted_records";
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }

        (exit, _, stderr) = await SecuredFolder.RunAsync(folder, null, "", "export", "--format", "csv", "--area", "33.13", "--out", folder.File("unduhan/jatipuro"), "--with-pii");
        Assert.True(exit == 0, stderr);
        (exit, _, stderr) = await SecuredFolder.RunAsync(folder, null, "", "export", "--format", "xlsx", "--area", "33.13", "--out", folder.File("unduhan/jatipuro.xlsx"), "--with-pii");
        Assert.True(exit == 0, stderr);
        AssertMode(PrivateFolder, folder.File("unduhan"));
        AssertMode(Private, folder.File("unduhan/jatipuro-keluarga.csv"));
        AssertMode(Private, folder.File("unduhan/jatipuro-anggota.csv"));
        AssertMode(Private, folder.File("unduhan/jatipuro.xlsx"));
        Assert.Equal(3, Directory.GetFiles(folder.File("unduhan")).Length); // no scratch file left
    }

    private static async Task<long> CoreRowsAsync(string core)
    {
        await using var connection = new SqliteConnection($"Data Source={core};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'pk_family_records'";
        if ((long)(await command.ExecuteScalarAsync())! == 0) return 0;
        command.CommandText = "SELECT count(*) FROM pk_family_records";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task ADatabaseLeftWorldReadableByAnOlderVersionIsMadePrivateAtStart()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var (exit, _, stderr) = await SecuredFolder.RunAsync(folder, SecuredFolder.OtherKey, "", "migrate");
        Assert.True(exit == 0, stderr);
        var db = SecuredFolder.Database(folder);
        File.SetUnixFileMode(db, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        (exit, _, stderr) = await SecuredFolder.RunAsync(folder, SecuredFolder.OtherKey, "", "migrate");

        Assert.True(exit == 0, stderr);
        AssertMode(Private, db);
    }

    [Fact]
    public async Task TheSqliteCoreAndChartFilesOfTheRealHostAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var core = folder.File("pusat/pk-core.db");
        await using var bot = await BotFixture.StartAsync(settings: ForwardingBot.Settings("Sqlite", $"Data Source={core}"), folder: folder);

        await FamilyRecords.QueueAsync(bot.App.Services, [FamilyRecords.Payload(Guid.NewGuid())]);
        await bot.WaitUntilNothingWaitsAsync();
        var chart = await bot.App.Services.GetRequiredService<ReportFiles>().WriteAsync("chart.png", [1, 2, 3], CancellationToken.None);

        // This test process keeps its own umask (022): the modes come from the bot setting them, not from the umask.
        AssertMode(PrivateFolder, folder.File("pusat"));
        AssertMode(Private, core);
        AssertMode(Private, core + "-wal");
        AssertMode(Private, core + "-shm");
        AssertMode(Private, folder.File("pk-bot.db"));
        AssertMode(Private, folder.File("pk-bot.db-wal"));
        AssertMode(PrivateFolder, Path.GetDirectoryName(chart)!);
        AssertMode(Private, chart);
    }
}
