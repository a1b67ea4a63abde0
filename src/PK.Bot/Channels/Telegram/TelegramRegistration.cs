using Microsoft.EntityFrameworkCore;
using PK.Bot.Hosting;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using PK.Domain.People;
using Telegram.Bot.Types;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Turns of a Telegram chat not (yet) linked to a roster person: ask for the contact, check that it is the
/// sender's own, match its phone to the roster and link. Like a conversation turn, each is one transaction
/// that records the update id, so a redelivery changes nothing.
/// </summary>
public sealed class TelegramRegistration(IServiceScopeFactory scopes, WakeSignal<OutboxSender> outboxSignal, TimeProvider clock, ILogger<TelegramRegistration> logger)
{
    /// <summary>Whether the chat belongs to an active roster person.</summary>
    public async Task<bool> IsLinkedAsync(ChatKey chat, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return await IsLinked(db, chat.Channel, chat.ChatId, cancellationToken);
    }

    // Asked for every update: compiled once.
    private static readonly Func<BotDbContext, string, string, CancellationToken, Task<bool>> IsLinked =
        EF.CompileAsyncQuery((BotDbContext db, string channel, string chatId, CancellationToken _) =>
            db.ChatLinks.Any(l => l.Channel == channel && l.ChatId == chatId && l.Person!.Active));

    /// <summary>Anything but a contact from an unlinked chat: show the contact button.</summary>
    public Task AskForContactAsync(ChatKey chat, string messageId, bool greeting, CancellationToken cancellationToken) =>
        ApplyAsync(chat, messageId, _ => Task.FromResult<IReadOnlyList<OutboxPayload>>(
            [new OutboxPayload(Reply.Plain(greeting ? TelegramTexts.ShareContactPrompt : TelegramTexts.ShareContactFirst), Telegram: new TelegramExtras(ReplyKeyboard.RequestContact))]),
            cancellationToken);

    /// <summary>A short refusal, once per update (groups and channels).</summary>
    public Task RefuseAsync(ChatKey chat, string messageId, string text, CancellationToken cancellationToken) =>
        ApplyAsync(chat, messageId, _ => Task.FromResult<IReadOnlyList<OutboxPayload>>([OutboxPayload.Of(Reply.Plain(text))]), cancellationToken);

    /// <summary>A shared contact: linked when it is the sender's own number and on the roster; refused otherwise.</summary>
    public Task ContactAsync(ChatKey chat, string messageId, User sender, Contact contact, CancellationToken cancellationToken) =>
        ApplyAsync(chat, messageId, async db =>
        {
            if (contact.UserId != sender.Id)
            {
                logger.LogInformation("Chat {ChatId} shared someone else's contact; refused", chat.ChatId);
                return [new OutboxPayload(Reply.Plain(TelegramTexts.NotOwnContact), Telegram: new TelegramExtras(ReplyKeyboard.RequestContact))];
            }
            if (!PhoneNumber.TryParse(contact.PhoneNumber, out var phone))
            {
                logger.LogInformation("Chat {ChatId} shared a contact whose number is not Indonesian; refused", chat.ChatId);
                return [new OutboxPayload(Reply.Plain(TelegramTexts.ContactUnreadable), Telegram: new TelegramExtras(ReplyKeyboard.Remove))];
            }
            var person = await db.ActivePersonByPhoneAsync(phone, cancellationToken);
            if (person is null)
            {
                logger.LogInformation("Chat {ChatId} shared a number that is not on the roster; no access", chat.ChatId);
                return [new OutboxPayload(Reply.Plain(TelegramTexts.ContactNotOnRoster), Telegram: new TelegramExtras(ReplyKeyboard.Remove))];
            }

            var link = await db.ChatLinks.SingleOrDefaultAsync(l => l.Channel == chat.Channel && l.ChatId == chat.ChatId, cancellationToken);
            if (link is null)
                db.ChatLinks.Add(new ChatLink { Channel = chat.Channel, ChatId = chat.ChatId, PersonId = person.Id, LinkedAt = clock.GetUtcNow() });
            else
            {
                link.PersonId = person.Id;
                link.LinkedAt = clock.GetUtcNow();
            }
            logger.LogInformation("Chat {ChatId} linked to person {PersonId}", chat.ChatId, person.Id);
            var welcome = TelegramTexts.ContactLinked + "\n" + string.Format(Texts.Welcome, person.Name);
            return [new OutboxPayload(Reply.Plain(welcome), Telegram: new TelegramExtras(ReplyKeyboard.Remove))];
        }, cancellationToken);

    private async Task ApplyAsync(ChatKey chat, string messageId, Func<BotDbContext, Task<IReadOnlyList<OutboxPayload>>> decide, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ProcessedMessages.AnyAsync(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId && m.MessageId == messageId, cancellationToken))
        {
            logger.LogInformation("Update {MessageId} of chat {ChatId} was already applied; ignoring the redelivery", messageId, chat.ChatId);
            return;
        }
        db.ProcessedMessages.Add(new ProcessedMessage { Channel = chat.Channel, ChatId = chat.ChatId, MessageId = messageId, AppliedAt = now });
        await OutboxWriter.QueueAsync(db, chat, await decide(db), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
    }
}
