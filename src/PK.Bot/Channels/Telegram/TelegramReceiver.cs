using Microsoft.Extensions.Options;
using PK.Domain;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Registers the command menu and the webhook (or removes it, for polling) at start; in polling mode it then long-polls,
/// stores each batch in the inbox and only then confirms it to Telegram (advancing the offset). The
/// <see cref="Inbox.InboxPipeline"/> applies what was stored, as it does for webhook deliveries.
/// </summary>
public sealed class TelegramReceiver(
    ITelegramBotClient bot,
    TelegramInbox inbox,
    ChannelSenders senders,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramReceiver> logger,
    PK.Bot.Operations.BotMetrics metrics) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.Mode == TelegramMode.Webhook)
            {
                await RetryAsync("register the webhook", SetUpWebhookAsync, stoppingToken);
                return;
            }
            await RetryAsync("switch to polling", SetUpPollingAsync, stoppingToken);
            await PollAsync(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the client reports a cancelled long poll as a RequestException.
        }
    }

    private async Task SetUpPollingAsync(CancellationToken cancellationToken)
    {
        await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: cancellationToken);
        await SetCommandsAsync(cancellationToken);
        logger.LogInformation("Telegram: polling for updates");
    }

    private async Task SetUpWebhookAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await bot.SetWebhook(o.WebhookUrl!, secretToken: o.WebhookSecret, allowedUpdates: TelegramChannel.AllowedUpdates, dropPendingUpdates: false, cancellationToken: cancellationToken);
        await SetCommandsAsync(cancellationToken);
        logger.LogInformation("Telegram: webhook registered");
    }

    private Task SetCommandsAsync(CancellationToken cancellationToken) =>
        bot.SetMyCommands(TelegramTexts.CommandMenu.Select(c => new BotCommand(c.Command, c.Description)), cancellationToken: cancellationToken);

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        int? offset = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await bot.GetUpdates(offset, limit: 100, timeout: (int)options.Value.PollTimeout.TotalSeconds,
                    allowedUpdates: TelegramChannel.AllowedUpdates, cancellationToken: stoppingToken);
                metrics.ChannelReached(TelegramChannel.Name);
                if (updates.Length > 0)
                {
                    await StoreAsync(updates, stoppingToken);
                    // Stored: now Telegram may forget them; the next call confirms everything below the new offset.
                    offset = updates.Max(u => u.Id) + 1;
                }
                failures = 0;
                told.Clear();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                metrics.ChannelFailed(TelegramChannel.Name);
                var delay = Delay(failures);
                logger.LogWarning("Telegram polling failed ({Reason}); the batch stays unconfirmed, trying again in {Delay}", ex.Message, delay);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    /// <summary>Updates whose senders were told their message is not stored yet (once each, until storing works again).</summary>
    private readonly HashSet<long> told = [];

    /// <summary>Stores a batch; when storage fails, each sender is told once, straight through the channel, that it will be retried.</summary>
    private async Task StoreAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.StoreAsync(updates, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            foreach (var update in updates.Where(u => told.Add(u.Id)))
                if ((update.Message is not null || update.CallbackQuery is not null) && TelegramChannel.ChatOf(update) is { } chatId)
                    await TellAsync(chatId, Texts.StorageFailedWillRetry, cancellationToken);
            throw;
        }
    }

    // The outbox lives in the database that just failed, so this notice goes straight to Telegram.
    private async Task TellAsync(long chatId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await senders.For(TelegramChannel.Name).SendAsync(new Persistence.OutboxMessage
            {
                Channel = TelegramChannel.Name,
                ChatId = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PayloadJson = Turns.ReplyJson.Serialize(PK.Domain.Conversations.Reply.Plain(text)),
                CreatedAt = clock.GetUtcNow(),
            }, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not tell Telegram chat {ChatId} that its message is not stored yet ({Reason})", chatId, ex.Message);
        }
    }

    private async Task RetryAsync(string what, Func<CancellationToken, Task> action, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Delay(attempt);
                logger.LogWarning("Telegram: could not {What} ({Reason}); trying again in {Delay}", what, ex.Message, delay);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    private static TimeSpan Delay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures - 1, 10))));
}
