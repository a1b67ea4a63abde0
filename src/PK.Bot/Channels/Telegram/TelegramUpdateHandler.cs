using PK.Bot.Hosting;
using System.Globalization;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PK.Bot.Channels.Telegram;

public static class TelegramChannel
{
    public const string Name = "telegram";

    public static ChatKey Chat(long chatId) => new(Name, chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The chat an update belongs to (its unit of ordering), when it has one; odd shapes (no chat, no sender) give null.</summary>
    public static long? ChatOf(Update update) =>
        update.Message?.Chat?.Id ?? update.CallbackQuery?.Message?.Chat?.Id ?? update.CallbackQuery?.From?.Id ?? update.ChannelPost?.Chat?.Id;

    /// <summary>The updates the bot asks Telegram for.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.ChannelPost];
}

/// <summary>
/// Translates one Telegram update to the neutral conversation and back: unlinked chats go to registration,
/// linked ones through the dispatcher (the update id is the platform message id). Returns once the turn is committed.
/// </summary>
public sealed class TelegramUpdateHandler(
    IServiceScopeFactory scopes,
    ChatDispatcher dispatcher,
    TelegramRegistration registration,
    TelegramChannelSender sender,
    WakeSignal<OutboxSender> outboxSignal,
    TimeProvider clock,
    ILogger<TelegramUpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var messageId = update.Id.ToString(CultureInfo.InvariantCulture);
        switch (update)
        {
            case { Message: { } message }:
                await OnMessageAsync(messageId, message, cancellationToken);
                break;
            case { CallbackQuery: { } press }:
                await OnPressAsync(messageId, press, cancellationToken);
                break;
            case { ChannelPost: { } post }:
                await registration.RefuseAsync(TelegramChannel.Chat(post.Chat.Id), messageId, TelegramTexts.PrivateChatsOnly, cancellationToken);
                break;
            default:
                logger.LogDebug("Update {UpdateId} of type {Type} ignored", update.Id, update.Type);
                break;
        }
    }

    private async Task OnMessageAsync(string messageId, Message message, CancellationToken cancellationToken)
    {
        var chat = TelegramChannel.Chat(message.Chat.Id);
        if (message.Chat.Type != ChatType.Private || message.From is null)
        {
            await registration.RefuseAsync(chat, messageId, TelegramTexts.PrivateChatsOnly, cancellationToken);
            return;
        }
        if (message.Contact is { } contact)
        {
            await registration.ContactAsync(chat, messageId, message.From, contact, cancellationToken);
            return;
        }
        if (!await registration.IsLinkedAsync(chat, cancellationToken))
        {
            var greeting = message.Text?.TrimStart().StartsWith("/start", StringComparison.OrdinalIgnoreCase) == true;
            await registration.AskForContactAsync(chat, messageId, greeting, cancellationToken);
            return;
        }
        var sentAt = new DateTimeOffset(DateTime.SpecifyKind(message.Date, DateTimeKind.Utc));
        var inbound = message.Text is { } text
            ? new Inbound(InboundKind.Text, text, sentAt)
            : new Inbound(InboundKind.Unsupported, "", sentAt); // sticker, photo, voice, location, document…
        var outcome = await dispatcher.DispatchAsync(new IncomingMessage(chat, messageId, inbound, RetriedByChannel: true), cancellationToken);
        ThrowIfNotSaved(outcome, messageId);
    }

    // Throwing leaves the update unconfirmed (polling) or stored (webhook), so it is applied once storage is back.
    private static void ThrowIfNotSaved(TurnOutcome outcome, string messageId)
    {
        if (outcome == TurnOutcome.Failed) throw new InvalidOperationException($"The turn of Telegram message {messageId} was not saved; it will be applied again.");
    }

    private async Task OnPressAsync(string messageId, CallbackQuery press, CancellationToken cancellationToken)
    {
        var pressed = press.Message;
        var chat = TelegramChannel.Chat(pressed?.Chat.Id ?? press.From.Id);
        if (pressed is { Chat.Type: not ChatType.Private })
        {
            await registration.RefuseAsync(chat, messageId, TelegramTexts.PrivateChatsOnly, cancellationToken);
            await sender.AnswerPressAsync(press.Id, cancellationToken);
            return;
        }
        if (!await registration.IsLinkedAsync(chat, cancellationToken))
        {
            await registration.AskForContactAsync(chat, messageId, greeting: false, cancellationToken);
            await sender.AnswerPressAsync(press.Id, cancellationToken);
            return;
        }

        var before = await LastSequenceAsync(chat, cancellationToken);
        var outcome = await dispatcher.DispatchAsync(
            new IncomingMessage(chat, messageId, new Inbound(InboundKind.Option, press.Data ?? "", clock.GetUtcNow()), RetriedByChannel: true), cancellationToken);
        ThrowIfNotSaved(outcome, messageId);
        await sender.AnswerPressAsync(press.Id, cancellationToken);
        if (outcome == TurnOutcome.Applied && pressed?.Text is { } shownText)
            await QueueEditAsync(chat, before, pressed, shownText, press.Data ?? "", cancellationToken);
    }

    /// <summary>
    /// The pressed message keeps its question and shows the chosen label instead of its buttons, so the chat reads as a
    /// record of the interview. A press the conversation refused as stale is marked as such, not as an answer.
    /// </summary>
    private async Task QueueEditAsync(ChatKey chat, long before, Message pressed, string shownText, string data, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var firstReply = await db.Outbox.Where(m => m.Channel == chat.Channel && m.ChatId == chat.ChatId && m.Sequence > before)
            .OrderBy(m => m.Sequence).Select(m => m.PayloadJson).FirstOrDefaultAsync(cancellationToken);
        var stale = firstReply is not null && ReplyJson.Deserialize(firstReply).Kind == ReplyKind.Stale;
        var label = pressed.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).FirstOrDefault(b => b.CallbackData == data)?.Text;
        var mark = stale ? TelegramTexts.StaleButtonPressed : string.Format(TelegramTexts.ChosenAnswer, label ?? "");
        var room = TelegramLayout.MaxTextLength - mark.Length - 2;
        var edited = (shownText.Length <= room ? shownText : shownText[..room]) + "\n\n" + mark;
        await OutboxWriter.QueueAsync(db, chat,
            [new OutboxPayload(Reply.Plain(edited), Telegram: new TelegramExtras(EditMessageId: pressed.MessageId))], clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outboxSignal.Notify();
    }

    private async Task<long> LastSequenceAsync(ChatKey chat, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await OutboxWriter.LastSequenceAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), chat, cancellationToken);
    }
}
