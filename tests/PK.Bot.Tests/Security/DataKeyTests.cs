using PK.Bot.Security;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary>A lost or wrong data key stops start-up with one line naming <c>Security:DataKey</c>; it never forks the data.</summary>
public sealed class DataKeyTests
{
    [Fact]
    public async Task AWrongKeyStopsEveryVerbWithOneLineNamingTheKeyAndNoStackTrace()
    {
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, BotFixture.DataKey);

        foreach (var verb in new[] { new[] { "roster", "status" }, ["migrate"], ["report", "--area", "33.13"] })
        {
            var (exit, stdout, stderr) = await SecuredFolder.RunAsync(folder, SecuredFolder.OtherKey, "", verb);

            Assert.NotEqual(0, exit);
            var lines = SecuredFolder.Lines(stderr);
            Assert.True(lines.Length == 1, $"{string.Join(' ', verb)}: {stderr}");
            Assert.Contains("Security:DataKey does not open", lines[0]);
            Assert.DoesNotContain(" at ", stderr);
            Assert.Equal("", stdout);
        }

        // The right key still opens everything: nothing was written under the wrong one.
        var (ok, status, err) = await SecuredFolder.RunAsync(folder, BotFixture.DataKey, "", "roster", "status");
        Assert.True(ok == 0, err);
        Assert.Contains(SecuredFolder.WaitingName, status);
    }

    [Fact]
    public async Task ADeletedKeyFileIsNotReplacedWhileEncryptedDataExists()
    {
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, key: null); // Development: the key file beside the database
        var keyFile = folder.File("data/" + DataKeySource.KeyFileName);
        var original = await File.ReadAllTextAsync(keyFile);
        File.Delete(keyFile);

        var (exit, _, stderr) = await SecuredFolder.RunAsync(folder, null, "", "roster", "status");

        Assert.NotEqual(0, exit);
        Assert.Contains("Security:DataKey is not set and the key file", Assert.Single(SecuredFolder.Lines(stderr)));
        Assert.False(File.Exists(keyFile), "no new key is generated for a database that holds encrypted data");

        await File.WriteAllTextAsync(keyFile, original);
        var (ok, status, err) = await SecuredFolder.RunAsync(folder, null, "", "roster", "status");
        Assert.True(ok == 0, err);
        Assert.Contains(SecuredFolder.WaitingName, status);
    }

    [Fact]
    public async Task ProductionWithoutAKeyRefusesToStartAndWritesNoKeyFile()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "migrate", "--Security:DataKey=", "--environment=Production");

        Assert.NotEqual(0, exit);
        var line = Assert.Single(SecuredFolder.Lines(stderr));
        Assert.Contains("Security:DataKey is not set", line);
        Assert.Contains("Production", line);
        Assert.False(File.Exists(folder.File("data/" + DataKeySource.KeyFileName)));
    }

    [Fact]
    public async Task ExportWithAWrongShortOrEmptyKeyLeavesNoFileBehind()
    {
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, BotFixture.DataKey);
        var outFolder = folder.File("out");

        foreach (var (key, environment, expected) in new[]
        {
            (SecuredFolder.OtherKey, "Development", "Security:DataKey does not open"),
            ("c2hvcnQ=", "Development", "Security:DataKey"),
            ("", "Production", "Security:DataKey is not set"),
        })
        {
            foreach (var format in new[] { "csv", "xlsx" })
            {
                var (exit, _, stderr) = await BotProcess.RunAsync(folder.Path, "", "export", "--format", format, "--area", "33.13",
                    "--out", Path.Combine(outFolder, "jatipuro"), "--with-pii", $"--Security:DataKey={key}", $"--environment={environment}");

                Assert.NotEqual(0, exit);
                var line = Assert.Single(SecuredFolder.Lines(stderr));
                Assert.Contains(expected, line);
                Assert.DoesNotContain(" at ", stderr);
                Assert.True(!Directory.Exists(outFolder) || Directory.GetFiles(outFolder).Length == 0, string.Join(", ", Directory.Exists(outFolder) ? Directory.GetFiles(outFolder) : []));
            }
        }

        var (ok, stdout, err) = await BotProcess.RunAsync(folder.Path, "", "export", "--format", "csv", "--area", "33.13", "--out", Path.Combine(outFolder, "jatipuro"));
        Assert.True(ok == 0, err);
        Assert.True(stdout.Contains("1 keluarga"), stdout);
    }

    [Fact]
    public async Task TheRealHostRefusesToStartUnderAnotherKey()
    {
        using var folder = new TempFolder();
        await using (var bot = await BotFixture.StartAsync(folder: folder))
            await bot.AddPersonAsync("Siti Aminah", "6281311110001");

        var failure = await Assert.ThrowsAsync<DataKeyException>(() => BotFixture.StartAsync(folder: folder, settings: new Dictionary<string, string> { ["Security:DataKey"] = SecuredFolder.OtherKey }));

        Assert.Contains("Security:DataKey does not open", failure.Message);
    }
}
