using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Domain.Conversations;
using PK.Domain.People;

namespace PK.Bot.Dashboard;

/// <summary><c>/dasbor</c>: a koordinator or admin gets a one-time sign-in link (15 minutes, single use), made in the turn.</summary>
internal sealed class DasborCommand(IOptions<DashboardOptions> options) : IHostCommand
{
    public string Word => "dasbor";

    public Task<IReadOnlyList<Reply>> HandleAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (context.Person.Role == Role.Kader) return Answer(DashboardTexts.KaderNo);
        if (!o.IsOn) return Answer(DashboardTexts.Off);
        var token = DashboardTokens.IssueLink(context.Db, context.Person.Id, context.Now, TimeSpan.FromMinutes(o.LinkMinutes));
        return Answer(DashboardTexts.Link(o.LinkFor(token), (int)o.LinkMinutes));
    }

    private static Task<IReadOnlyList<Reply>> Answer(string text) => Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(text)]);
}
