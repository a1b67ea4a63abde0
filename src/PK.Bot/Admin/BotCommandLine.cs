using System.CommandLine;
using System.CommandLine.Help;

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
    /// <summary>The exit code of a command line that names no verb this bot has (a typo), or misses a verb's argument.</summary>
    public const int UsageError = 2;

    private static readonly Dictionary<string, string> GroupDescriptions = new()
    {
        ["roster"] = "The roster of kader, koordinator and admin.",
        ["forward"] = "Forwarding of submitted families to the core database.",
        ["targets"] = "Targets per area.",
        ["whatsapp"] = "The WhatsApp channel.",
        ["flows"] = "WhatsApp Flows generated from the form.",
        ["inbox"] = "Messages from the platforms that could not be applied.",
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
            // A group may be nested: "whatsapp flows" for `whatsapp flows publish`.
            Command group = root;
            foreach (var name in verb.Group.Split(' '))
            {
                var sub = group.Subcommands.FirstOrDefault(c => c.Name == name);
                if (sub is null) group.Add(sub = new Command(name, GroupDescriptions.GetValueOrDefault(name, "")));
                group = sub;
            }
            group.Add(command);
        }
        AllowConfigurationTokens(root);
        return root;
    }

    /// <summary>
    /// Parses and runs one command line. A word that is neither a verb nor configuration (<c>nosuchverb</c>,
    /// <c>rosterr import</c>) prints the verbs and exits with <see cref="UsageError"/> before any host is built,
    /// so nothing is opened, migrated or served.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplicationBuilder> createBuilder, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Create(createBuilder);
        var parse = root.Parse(args);
        if (parse.Action is not HelpAction)
        {
            var problems = parse.Errors.Select(e => e.Message).Concat(UnknownWords(parse)).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await error.WriteLineAsync(problem);
                await error.WriteLineAsync();
                await error.WriteLineAsync(VerbList(root));
                return UsageError;
            }
        }
        // Failures reach the caller (and the log), not System.CommandLine's generic printer.
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
    }

    /// <summary>Every verb with its description, one a line: what a typo is answered with.</summary>
    public static string VerbList(RootCommand root)
    {
        var lines = new List<string> { "Verbs (each answers --help with its usage; none serves every configured channel):" };
        foreach (var (path, description) in Leaves(root, ""))
            lines.Add($"  {path,-22} {description}");
        return string.Join(Environment.NewLine, lines);
    }

    private static IEnumerable<(string Path, string Description)> Leaves(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Subcommands.Count == 0) yield return (path, sub.Description ?? "");
            else foreach (var leaf in Leaves(sub, path)) yield return leaf;
        }
    }

    /// <summary>
    /// Unmatched tokens are configuration (<c>--Key=value</c>, <c>--Key value</c>, <c>/Key=value</c>, <c>Key=value</c>);
    /// any other word is a verb this bot does not have.
    /// </summary>
    private static IEnumerable<string> UnknownWords(ParseResult parse)
    {
        var tokens = parse.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/'))
            {
                // --Key value: the next token is the value.
                if (!token.Contains('=')) i++;
                continue;
            }
            if (token.IndexOf('=') > 0 && !token.StartsWith('-')) continue;
            var where = parse.CommandResult.Command is RootCommand ? "" : $" after '{CommandPath(parse.CommandResult)}'";
            yield return $"Unknown verb or argument '{token}'{where}.";
        }
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is System.CommandLine.Parsing.CommandResult c && c.Command is not RootCommand; r = r.Parent)
            names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    private static void AllowConfigurationTokens(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands) AllowConfigurationTokens(sub);
    }
}
