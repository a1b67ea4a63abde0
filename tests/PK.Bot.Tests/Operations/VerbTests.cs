using System.CommandLine;
using PK.Bot.Admin;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Operations;

public sealed class VerbTests
{
    [Theory]
    [InlineData("nosuchverb")]
    [InlineData("rosterr", "import", "roster.csv")]
    [InlineData("roster", "importt", "roster.csv")]
    public async Task AnUnknownVerbPrintsTheVerbsAndExitsTwoWithoutOpeningTheDatabase(params string[] args)
    {
        using var folder = new TempFolder();

        var (exit, stdout, stderr) = await BotProcess.RunAsync(folder.Path, "", args);

        Assert.True(exit == BotCommandLine.UsageError, $"exit {exit}: {stderr}");
        Assert.Contains("roster import", stderr);
        Assert.Contains("healthz", stderr);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(folder.File("data")), "nothing may be created: the database was not opened");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task EveryVerbAnswersHelpWithItsOwnUsageWithoutBuildingAHost()
    {
        var root = BotCommandLine.Create(_ => throw new InvalidOperationException("--help must not build a host"));
        var verbs = Leaves(root).ToList();
        Assert.Contains("roster import", verbs);
        Assert.Contains("restore", verbs);
        Assert.Contains("healthz", verbs);

        foreach (var verb in verbs)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await BotCommandLine.RunAsync([.. verb.Split(' '), "--help"], _ => throw new InvalidOperationException("--help must not build a host"), output, error);

            Assert.True(exit == 0, $"{verb}: {error}");
            var usage = output.ToString();
            Assert.Contains("Usage:", usage);
            Assert.Contains(verb.Split(' ')[^1], usage);
            Command command = root;
            foreach (var name in verb.Split(' ')) command = command.Subcommands.Single(c => c.Name == name);
            Assert.Contains(command.Description!, usage);
        }
    }

    [Fact]
    public async Task AGroupWithoutItsVerbIsAUsageError()
    {
        var error = new StringWriter();
        var exit = await BotCommandLine.RunAsync(["roster"], _ => throw new InvalidOperationException("must not build a host"), new StringWriter(), error);

        Assert.Equal(BotCommandLine.UsageError, exit);
        Assert.Contains("roster status", error.ToString());
    }

    [Fact]
    public async Task ConfigurationAfterAVerbIsStillAccepted()
    {
        string[]? seen = null;
        var exit = await BotCommandLine.RunAsync(["migrate", "--Outbox:Parallelism=0", "--Serilog:MinimumLevel:Default", "Warning"], args =>
        {
            seen = args;
            throw new InvalidOperationException("stop here");
        }, new StringWriter(), new StringWriter()).ContinueWith(t => t.IsFaulted ? -1 : t.Result);

        Assert.Equal(-1, exit);
        Assert.Equal(["--Outbox:Parallelism=0", "--Serilog:MinimumLevel:Default", "Warning"], seen!);
    }

    private static IEnumerable<string> Leaves(Command command, string prefix = "")
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Subcommands.Count == 0) yield return path;
            else foreach (var leaf in Leaves(sub, path)) yield return leaf;
        }
    }
}
