using Microsoft.EntityFrameworkCore;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.Console;

/// <summary>
/// The conversation on a terminal, as one roster person: every input line is one message, applied through
/// the same dispatcher and outbox as any channel, and all its replies are printed before the next line is read.
/// </summary>
public sealed class ConsoleChat(
    IServiceScopeFactory scopes,
    ChatDispatcher dispatcher,
    OutboxSender outbox,
    TimeProvider clock,
    ILogger<ConsoleChat> logger)
{
    /// <summary>Links the console chat of <paramref name="person"/> and converses until the input ends.</summary>
    public async Task RunAsync(Person person, TextReader input, CancellationToken cancellationToken)
    {
        // The person's id, not their phone number: chat ids are stored in clear.
        var chat = new ChatKey(ChannelNames.Console, person.Id.ToString("N"));
        await LinkAsync(chat, person, cancellationToken);
        // Ids of one session never repeat, and never collide with an earlier session's.
        var session = Guid.NewGuid().ToString("N")[..12];
        logger.LogInformation("Console chat session {Session} started for person {PersonId}", session, person.Id);

        // Replies committed before a crash but never printed come first.
        await outbox.DeliverChatAsync(chat, ignoreSchedule: true, cancellationToken);
        var sequence = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var message = new IncomingMessage(chat, $"{session}-{++sequence}", new Inbound(InboundKind.Text, line, clock.GetUtcNow()));
            await dispatcher.DispatchAsync(message, cancellationToken);
            await outbox.DeliverChatAsync(chat, ignoreSchedule: true, cancellationToken);
        }
        logger.LogInformation("Console chat session {Session} ended: input closed after {Count} lines", session, sequence);
    }

    private async Task LinkAsync(ChatKey chat, Person person, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var link = await db.ChatLinks.SingleOrDefaultAsync(l => l.Channel == chat.Channel && l.ChatId == chat.ChatId, cancellationToken);
        if (link is null)
            db.ChatLinks.Add(new ChatLink { Channel = chat.Channel, ChatId = chat.ChatId, PersonId = person.Id, LinkedAt = clock.GetUtcNow() });
        else if (link.PersonId != person.Id)
            link.PersonId = person.Id;
        await db.SaveChangesAsync(cancellationToken);
    }
}
