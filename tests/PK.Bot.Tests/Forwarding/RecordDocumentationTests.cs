using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PK.Bot.Turns;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>docs/family-record.md stays true: its example has exactly the shape of the record the host queues.</summary>
public sealed partial class RecordDocumentationTests
{
    [Fact]
    public void TheDocumentedExampleHasTheShapeOfARealRecord()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "family-record.md"));
        var example = ExampleBlock().Match(doc).Groups[1].Value;
        // Serialised exactly as the submitting turn queues it, with the host's options.
        var queued = JsonSerializer.Serialize(FamilyRecords.FamilyOfFourRecord, ConversationTurnHandler.RecordJson);

        Assert.True(Paths(JsonNode.Parse(queued)).SetEquals(Paths(JsonNode.Parse(example))),
            "docs/family-record.md's example differs in shape from the real record:\n" + JsonNode.Parse(queued)!.ToJsonString(new() { WriteIndented = true }));
    }

    private static HashSet<string> Paths(JsonNode? node, string at = "$")
    {
        var paths = new HashSet<string> { at };
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) paths.UnionWith(Paths(value, $"{at}.{key}"));
                break;
            case JsonArray a:
                foreach (var item in a) paths.UnionWith(Paths(item, $"{at}[]"));
                break;
        }
        return paths;
    }

    [GeneratedRegex("<!-- example -->\\s*```json\\s*(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}

public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string from) =>
        File.Exists(Path.Combine(from, "PK.Bot.sln")) ? from : Find(Path.GetDirectoryName(from) ?? throw new DirectoryNotFoundException("PK.Bot.sln not found above the tests."));
}
