using PK.Bot.Hosting;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// How reporting reaches a person on WhatsApp, in or out of the 24-hour window. It queues, in one transaction,
/// a template notice and then the full message: inside the window the notice is skipped and the message goes at
/// once; outside it the approved template (<c>WhatsApp:Templates:*</c>, with <paramref name="parameters"/> as its
/// body variables {{1}}, {{2}}, …) goes now and the full message follows when the person writes back.
/// </summary>
public sealed class WhatsAppTemplates(IServiceScopeFactory scopes, IOptions<WhatsAppOptions> options, WakeSignal<OutboxSender> outboxSignal, TimeProvider clock)
{
    /// <summary>The daily progress report to a koordinator.</summary>
    /// <param name="report">The full report, as it reads in a chat.</param>
    /// <param name="parameters">The template's variables in order, e.g. area name, date, families recorded, target.</param>
    /// <returns>False when WhatsApp is not configured or the person is not (or no longer) on the roster.</returns>
    public Task<bool> QueueDailyReportAsync(Guid koordinatorId, Reply report, IReadOnlyList<string> parameters, CancellationToken cancellationToken = default) =>
        QueueAsync(koordinatorId, new TemplateNotice(TemplateKind.DailyReport, parameters), report, cancellationToken);

    /// <summary>A reminder to a kader (e.g. an unfinished family).</summary>
    public Task<bool> QueueReminderAsync(Guid kaderId, Reply reminder, IReadOnlyList<string> parameters, CancellationToken cancellationToken = default) =>
        QueueAsync(kaderId, new TemplateNotice(TemplateKind.Reminder, parameters), reminder, cancellationToken);

    private async Task<bool> QueueAsync(Guid personId, TemplateNotice notice, Reply message, CancellationToken cancellationToken)
    {
        if (!options.Value.Configured) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.Active, cancellationToken);
        if (person is null) return false;
        var now = clock.GetUtcNow();
        // On WhatsApp the chat is the number: a koordinator who never wrote can still be reached by template.
        var chatId = person.PhoneDigits;
        if (!await db.ChatLinks.AnyAsync(l => l.Channel == WhatsAppChannel.Name && l.ChatId == chatId, cancellationToken))
            db.ChatLinks.Add(new ChatLink { Channel = WhatsAppChannel.Name, ChatId = chatId, PersonId = person.Id, LinkedAt = now });
        await OutboxWriter.QueueAsync(db, new ChatKey(WhatsAppChannel.Name, chatId), [OutboxPayload.Notice(notice), OutboxPayload.Of(message)], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return true;
    }
}
