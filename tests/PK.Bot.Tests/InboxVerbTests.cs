using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Channels.Inbox;
using PK.Bot.Tests.Support;
using PK.Bot.Tests.Telegram;

namespace PK.Bot.Tests;

/// <summary>The <c>inbox</c> verbs, run as the operator runs them (the real executable) beside a running bot on the same database.</summary>
public sealed class InboxVerbTests
{
    private const long Sri = 7501;

    [Fact]
    public async Task ASetAsideMessageIsListedWithoutItsContentAndAppliedOnceRetriedAfterTheFix()
    {
        using var folder = new TempFolder();
        var fault = new ChatStateFault();
        var settings = new Dictionary<string, string>(TelegramWebhookTests.QuickRetries)
        {
            // Where the verbs look by default: data/pk-bot.db under the working directory.
            ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(folder.Path, "data", "pk-bot.db")}",
        };
        await using var tg = await TelegramHarness.StartAsync(webhook: true, settings: settings, services: s => s.AddSingleton<IInterceptor>(fault), folder: folder);
        await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");
        await tg.PostWebhookAsync(tg.Api.SharesContact(Sri, Sri, "6281311110001"), TelegramHarness.WebhookSecret);
        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)), "the contact applied");

        fault.On = true;
        await tg.PostWebhookAsync(tg.Api.Says(Sri, "/mulai Jl. Kenanga"), TelegramHarness.WebhookSecret);
        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AnyAsync(m => m.SetAsideAt != null)), "the message set aside");
        var setAside = await tg.Bot.QueryAsync(db => db.Inbox.SingleAsync(m => m.SetAsideAt != null));
        Assert.Equal(1, await tg.Bot.QueryAsync(db => SetAsideInbox.CountAsync(db, CancellationToken.None)));

        var list = await BotProcess.RunAsync(folder.Path, "", "inbox", "list", "--failed");
        var noChoice = await BotProcess.RunAsync(folder.Path, "", "inbox", "list");
        var notAnId = await BotProcess.RunAsync(folder.Path, "", "inbox", "retry", "pesan-1");
        var unknown = await BotProcess.RunAsync(folder.Path, "", "inbox", "retry", "999999");

        Assert.True(list.ExitCode == 0, list.Stderr);
        var line = Assert.Single(list.Stdout.Split('\n'), l => l.StartsWith($"{setAside.Id}  ", StringComparison.Ordinal));
        Assert.Contains($"telegram  {Sri}  ", line);
        Assert.Contains("3x", line);
        Assert.Contains("InvalidOperationException", line);
        Assert.DoesNotContain("Kenanga", list.Stdout);
        Assert.DoesNotContain("mulai", list.Stdout);
        Assert.Contains("1 pesan masuk disisihkan", list.Stdout);
        Assert.Equal(2, noChoice.ExitCode);
        Assert.Equal(2, notAnId.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.DoesNotContain(tg.Api.MessagesTo(Sri), m => m.Text.StartsWith("Mulai mencatat", StringComparison.Ordinal));

        fault.On = false;
        var retry = await BotProcess.RunAsync(folder.Path, "", "inbox", "retry", setAside.Id.ToString());

        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("1 pesan masuk dikembalikan", retry.Stdout);
        await TelegramHarness.WaitAsync(() => tg.Bot.QueryAsync(db => db.Inbox.AllAsync(m => m.ProcessedAt != null)), "the retried message applied");
        await tg.Bot.WaitUntilOutboxIsEmptyAsync();
        Assert.Single(tg.Api.MessagesTo(Sri), m => m.Text.StartsWith("Mulai mencatat", StringComparison.Ordinal));
        Assert.Equal(0, await tg.Bot.QueryAsync(db => SetAsideInbox.CountAsync(db, CancellationToken.None)));
    }

    /// <summary>A fault the operator can fix: while on, every read of chat state fails (as a bug or a damaged row would).</summary>
    private sealed class ChatStateFault : DbCommandInterceptor
    {
        public volatile bool On;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            On && command.CommandText.Contains("chat_states", StringComparison.Ordinal)
                ? throw new InvalidOperationException("simulated fault")
                : ValueTask.FromResult(result);
    }
}
