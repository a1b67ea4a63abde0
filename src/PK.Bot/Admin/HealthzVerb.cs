using System.CommandLine;

namespace PK.Bot.Admin;

/// <summary><c>healthz</c>: asks the running bot's <c>/healthz</c> (at <c>Urls</c> or <c>--url</c>); exit 0 healthy, 1 otherwise.</summary>
internal sealed class HealthzVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var url = new Option<string?>("--url") { Description = "The bot's base address (default: the first of Urls, wildcards as 127.0.0.1)." };
        var command = new Command("healthz", "Ask the running bot whether it is healthy (for scripts and monitors): prints its report, exit 0 healthy, 1 not.") { url };
        command.SetAction(async (parse, ct) =>
        {
            var baseUrl = LocalAddress(parse.GetValue(url) ?? hosts(parse).Configuration["Urls"]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "/healthz"), ct);
                Console.WriteLine(await response.Content.ReadAsStringAsync(ct));
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"No answer from the bot at {baseUrl}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Where a bot bound to <paramref name="urls"/> answers on this machine.</summary>
    internal static Uri LocalAddress(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
            first = first.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(first.TrimEnd('/') + "/");
    }
}
