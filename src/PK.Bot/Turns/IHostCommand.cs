using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Turns;

/// <summary>What a host-level command is given: the turn's context (its transaction is open) and the words after the command.</summary>
public sealed record HostCommandContext(BotDbContext Db, Person Person, ChatKey Chat, string Argument, DateTimeOffset Now);

/// <summary>
/// A chat command the host answers before the conversation sees the message (progress, lists, exports):
/// it reads the host's data, which the domain's conversation never does. It never changes the interview.
/// </summary>
public interface IHostCommand
{
    /// <summary>The command word without the slash, lower case (<c>progres</c>).</summary>
    string Word { get; }

    Task<IReadOnlyList<Reply>> HandleAsync(HostCommandContext context, CancellationToken cancellationToken);
}
