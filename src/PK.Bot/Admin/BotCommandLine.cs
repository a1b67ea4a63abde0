using System.CommandLine;

namespace PK.Bot.Admin;

/// <summary>Builds a host for a verb; tokens the command line did not match become configuration (<c>--Key=value</c>).</summary>
public delegate WebApplicationBuilder BotHostFactory(ParseResult parse);

/// <summary>A verb of the command line. Adding one is adding one class that implements this.</summary>
public interface IVerb
{
    /// <summary>The group the verb sits under (<c>roster</c> for <c>roster import</c>), or null for a top-level verb.</summary>
    string? Group { get; }

    Command Build(BotHostFactory hosts);
}

public static class BotCommandLine
{
    private static readonly Dictionary<string, string> GroupDescriptions = new()
    {
        ["roster"] = "The roster of kader, koordinator and admin.",
        ["forward"] = "Forwarding of submitted families to the core database.",
        ["targets"] = "Targets per area.",
        ["security"] = "The data key.",
    };

    public static RootCommand Create(Func<string[], WebApplicationBuilder> createBuilder)
    {
        BotHostFactory hosts = parse => createBuilder([.. parse.UnmatchedTokens]);
        var root = new RootCommand("PK Bot: record PK21 families by chat. Without a verb it serves every configured channel.");
        ServeVerb.Configure(root, hosts);

        var verbs = typeof(BotCommandLine).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IVerb)))
            .Select(t => (IVerb)Activator.CreateInstance(t)!)
            .OrderBy(v => v.Group).ThenBy(v => v.GetType().Name);
        foreach (var verb in verbs)
        {
            var command = verb.Build(hosts);
            if (verb.Group is null)
            {
                root.Add(command);
                continue;
            }
            var group = root.Subcommands.FirstOrDefault(c => c.Name == verb.Group);
            if (group is null)
                root.Add(group = new Command(verb.Group, GroupDescriptions.GetValueOrDefault(verb.Group, "")));
            group.Add(command);
        }
        AllowConfigurationTokens(root);
        return root;
    }

    private static void AllowConfigurationTokens(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands) AllowConfigurationTokens(sub);
    }
}
