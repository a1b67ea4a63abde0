using System.Collections.Concurrent;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Sends outbox rows to Telegram within its limits. Telegram down, 5xx or 429 become
/// <see cref="ChannelUnavailableException"/> (429 with its retry_after), so the row waits in the outbox, never dropped.
/// </summary>
public sealed class TelegramChannelSender(ITelegramBotClient bot, TelegramRateLimiter limiter, ILogger<TelegramChannelSender> logger)
    : IChannelSender, IImageChannelSender, IDocumentChannelSender
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    // Pieces of a long reply already sent, by outbox row: a retry after a failure mid-way resumes instead of repeating.
    private readonly ConcurrentDictionary<long, int> piecesSent = new();

    public string Channel => TelegramChannel.Name;

    public DateTimeOffset ReadyAt(string chatId) =>
        long.TryParse(chatId, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? limiter.ReadyAt(id) : DateTimeOffset.MinValue;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var reply = message.Payload.Reply;
        var extras = message.Payload.Telegram ?? TelegramExtras.None;
        var chatId = long.Parse(message.ChatId, System.Globalization.CultureInfo.InvariantCulture);
        if (extras.EditMessageId is { } editId)
        {
            await EditAsync(chatId, editId, reply.Text, cancellationToken);
            return;
        }

        var pieces = TelegramLayout.Split(TelegramLayout.Text(reply));
        var markup = TelegramLayout.Markup(reply, extras);
        if (reply.Options.Any(o => !TelegramLayout.FitsCallbackData(o.Token)))
            logger.LogError("Reply {Sequence} to chat {ChatId} has option tokens over {Limit} bytes; those buttons are left out", message.Sequence, chatId, TelegramLayout.MaxCallbackDataBytes);
        var first = piecesSent.GetValueOrDefault(message.Id);
        // The parts of one reply go back to back, so the kader's answer cannot land between them.
        if (pieces.Count - first > 1) await limiter.WaitForRoomAsync(chatId, pieces.Count - first, cancellationToken);
        for (var i = first; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var last = i == pieces.Count - 1;
            await CallAsync(chatId, ct => bot.SendMessage(chatId, piece, replyMarkup: last ? markup : null, cancellationToken: ct), cancellationToken);
            piecesSent[message.Id] = i + 1;
        }
        piecesSent.TryRemove(message.Id, out _);
    }

    /// <summary>A chart as a photo (sendPhoto, multipart) with its caption, within the same limits.</summary>
    public Task SendPhotoAsync(OutboxMessage message, Reply caption, OutboxAttachment photo, CancellationToken cancellationToken) =>
        SendFileAsync(message, photo, (chatId, file, ct) => bot.SendPhoto(chatId, file, caption: OutboxAttachments.Caption(caption.Text), cancellationToken: ct), cancellationToken);

    /// <summary>A file (the workbook from /unduh) as a document (sendDocument, multipart) with its caption.</summary>
    public Task SendDocumentAsync(OutboxMessage message, Reply caption, OutboxAttachment document, CancellationToken cancellationToken) =>
        SendFileAsync(message, document, (chatId, file, ct) => bot.SendDocument(chatId, file, caption: OutboxAttachments.Caption(caption.Text), cancellationToken: ct), cancellationToken);

    private async Task SendFileAsync(OutboxMessage message, OutboxAttachment attachment, Func<long, InputFile, CancellationToken, Task<Message>> send, CancellationToken cancellationToken)
    {
        var chatId = long.Parse(message.ChatId, System.Globalization.CultureInfo.InvariantCulture);
        await CallAsync(chatId, async ct =>
        {
            // Opened per attempt: a retry uploads the whole file again.
            await using var stream = System.IO.File.OpenRead(attachment.Path);
            return await send(chatId, InputFile.FromStream(stream, attachment.FileName), ct);
        }, cancellationToken);
    }

    /// <summary>Stops the spinner on a pressed button; best effort (an old press can no longer be answered).</summary>
    public async Task AnswerPressAsync(string callbackQueryId, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(null, async ct =>
            {
                await bot.AnswerCallbackQuery(callbackQueryId, cancellationToken: ct);
                return true;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelUnavailableException or ApiRequestException)
        {
            logger.LogInformation("A button press could not be answered: {Reason}", ex.Message);
        }
    }

    /// <summary>
    /// Marks a pressed message with the chosen answer. Cosmetic, so it never takes the message the chat needs for its
    /// next question: when the chat's budget is short it is skipped (the question above it still reads right).
    /// </summary>
    private async Task EditAsync(long chatId, int messageId, string text, CancellationToken cancellationToken)
    {
        if (!limiter.TryTakeSpare(chatId))
        {
            logger.LogDebug("Message {MessageId} in chat {ChatId} was not edited: the chat's budget is kept for its replies", messageId, chatId);
            return;
        }
        try
        {
            var clipped = text.Length <= TelegramLayout.MaxTextLength ? text : text[..TelegramLayout.MaxTextLength];
            await CallAsync(null, ct => bot.EditMessageText(chatId, messageId, clipped, replyMarkup: (InlineKeyboardMarkup?)null, cancellationToken: ct), cancellationToken, taken: true);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Too old to edit, deleted, or already showing this: the edit is only cosmetic, so it is not retried.
            logger.LogInformation("Message {MessageId} in chat {ChatId} was not edited: {Reason}", messageId, chatId, ex.Message);
        }
    }

    /// <param name="taken">The call's message was already taken from the limiter.</param>
    private async Task<T> CallAsync<T>(long? chatId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool taken = false)
    {
        if (!taken) await limiter.WaitAsync(chatId, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
            limiter.PauseFor(wait);
            throw new ChannelUnavailableException($"Telegram asked to slow down (429); retry after {wait.TotalSeconds:0}s", ex, wait);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
        {
            throw new ChannelUnavailableException($"Telegram answered {ex.ErrorCode}", ex);
        }
        catch (ApiRequestException)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ChannelUnavailableException("Telegram could not be reached", ex);
        }
    }
}
