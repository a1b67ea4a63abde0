using PK.Bot.Persistence;

namespace PK.Bot.Channels.Inbox;

/// <summary>
/// What a channel gives the inbox pipeline (<see cref="InboxPipeline"/>): how to read one stored payload and how to
/// apply it. The pipeline does the rest — order per chat, retries, setting aside what cannot be applied.
/// </summary>
public interface IInboxChannel
{
    /// <summary>The channel name stored in <see cref="InboxMessage.Channel"/>.</summary>
    string Name { get; }

    /// <summary>How long to wait after being woken, so a burst that arrived in several calls is sorted together.</summary>
    TimeSpan Settle => TimeSpan.Zero;

    /// <summary>
    /// Reads a stored payload: the chat it belongs to (null when it has none: it is then ordered on its own), its
    /// place among that chat's items, and whatever <see cref="ApplyAsync"/> needs. Throws when the payload cannot be read.
    /// </summary>
    InboxItem Read(InboxMessage row);

    /// <summary>Applies one item (its turn committed when this returns). Throws when it could not be applied.</summary>
    Task<InboxOutcome> ApplyAsync(InboxItem item, CancellationToken cancellationToken);
}

/// <param name="ChatId">The chat on this channel (the unit of ordering), or null.</param>
/// <param name="Order">Sorts a chat's items (a platform timestamp or update id); ties go by arrival.</param>
/// <param name="Content">The channel's own reading of the payload.</param>
public sealed record InboxItem(string? ChatId, long Order, object Content);

public enum InboxOutcome
{
    /// <summary>Applied (or needed nothing): the row is marked processed.</summary>
    Done,
    /// <summary>Nothing of it is worth keeping (a stranger answered recently): the row is deleted.</summary>
    Forget,
    /// <summary>Not yet (a status whose send is not recorded yet): looked at again shortly, not counted as a failure.</summary>
    Later,
}
