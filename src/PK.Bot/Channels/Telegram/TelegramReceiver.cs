using Microsoft.Extensions.Options;
using PK.Domain;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Registers the command menu and the webhook (or removes it, for polling) at start, then receives: in polling
/// mode by long polling, confirming a batch to Telegram (advancing the offset) only after every turn in it is committed.
/// </summary>
public sealed class TelegramReceiver(
    ITelegramBotClient bot,
    TelegramUpdateHandler handler,
    TelegramInbox inbox,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramReceiver> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.Mode == TelegramMode.Webhook)
            {
                // Updates already stored are applied while Telegram is still being told where to call.
                await Task.WhenAll(RetryAsync("register the webhook", SetUpWebhookAsync, stoppingToken), inbox.RunAsync(stoppingToken));
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
                if (updates.Length > 0)
                {
                    await ApplyAsync(updates, stoppingToken);
                    // Only now may Telegram forget them: the next call confirms everything below the new offset.
                    offset = updates.Max(u => u.Id) + 1;
                }
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var delay = Delay(failures);
                logger.LogWarning("Telegram polling failed ({Reason}); the batch stays unconfirmed, trying again in {Delay}", ex.Message, delay);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    /// <summary>Applies a batch: each chat's updates in order, different chats side by side.</summary>
    private Task ApplyAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken) =>
        Task.WhenAll(updates.GroupBy(TelegramChannel.ChatOf).Select(async chat =>
        {
            foreach (var update in chat.OrderBy(u => u.Id))
                await handler.HandleAsync(update, cancellationToken);
        }));

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
