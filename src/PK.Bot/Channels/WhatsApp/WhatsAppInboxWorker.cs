using System.Text.Json;
using Microsoft.Extensions.Options;
using PK.Bot.Conversations;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// Applies what the webhook stored: each chat's messages in the order of their WhatsApp timestamps (chats in
/// parallel, through the dispatcher), delivery statuses against the outbox. A row is marked processed only
/// once applied, so a crash replays it — and the dispatcher recognises a wamid it has already applied.
/// </summary>
public sealed class WhatsAppInboxWorker(
    IServiceScopeFactory scopes,
    ChatDispatcher dispatcher,
    InboxSignal signal,
    OutboxSignal outboxSignal,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppInboxWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    /// <summary>A status may outrun the send that recorded its wamid; it waits this long for it.</summary>
    private static readonly TimeSpan StatusPatience = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await signal.WaitAsync(Poll, stoppingToken) && options.Value.InboxSettle > TimeSpan.Zero)
                    await Task.Delay(options.Value.InboxSettle, clock, stoppingToken);
                while (await ProcessBatchAsync(stoppingToken) == BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The WhatsApp inbox worker failed a round; trying again shortly");
                await Task.Delay(Poll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <returns>How many rows were looked at.</returns>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var rows = await db.Inbox.Where(m => m.Channel == WhatsAppChannel.Name && m.ProcessedAt == null)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (rows.Count == 0) return 0;

        var messages = new List<(InboxMessage Row, IncomingMessage? Message)>();
        foreach (var row in rows)
        {
            using var json = JsonDocument.Parse(row.RawPayload);
            if (json.RootElement.TryGetProperty("status", out var status))
            {
                if (await ApplyStatusAsync(db, row, status, cancellationToken)) row.ProcessedAt = clock.GetUtcNow();
            }
            else if (json.RootElement.TryGetProperty("message", out var message))
            {
                var content = WebhookPayload.ToInbound(message);
                var from = WebhookPayload.Str(message, "from")!;
                messages.Add((row, content is null ? null : new IncomingMessage(new ChatKey(WhatsAppChannel.Name, from), row.PlatformId, content, RetriedByChannel: true)));
            }
            else
            {
                row.ProcessedAt = clock.GetUtcNow();
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        await LinkRosterPeopleAsync(db, messages.Where(m => m.Message is not null).Select(m => m.Message!.Chat.ChatId).Distinct().ToList(), cancellationToken);
        var lanes = messages.GroupBy(m => m.Message?.Chat.ChatId ?? "")
            .Select(chat => ApplyInOrderAsync(chat.OrderBy(m => m.Message?.Content.SentAt).ThenBy(m => m.Row.Id).ToList(), cancellationToken));
        var applied = (await Task.WhenAll(lanes)).SelectMany(ids => ids).ToHashSet();
        foreach (var (row, _) in messages.Where(m => applied.Contains(m.Row.Id))) row.ProcessedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        // A reply that waited for a closed window may go now that the person has written.
        var writers = messages.Where(m => m.Message is not null).Select(m => m.Message!.Chat.ChatId).Distinct().ToList();
        if (writers.Count > 0 && await WhatsAppInbox.WakeWaitingRepliesAsync(db, writers, clock.GetUtcNow(), cancellationToken) > 0) outboxSignal.Notify();
        return rows.Count;
    }

    /// <returns>The inbox rows that were applied (or needed nothing); a row whose turn failed stays for the next round.</returns>
    private async Task<IReadOnlyList<long>> ApplyInOrderAsync(IReadOnlyList<(InboxMessage Row, IncomingMessage? Message)> chat, CancellationToken cancellationToken)
    {
        var done = new List<long>();
        foreach (var (row, message) in chat)
        {
            if (message is not null && await dispatcher.DispatchAsync(message, cancellationToken) == TurnOutcome.Failed) break;
            done.Add(row.Id);
        }
        return done;
    }

    /// <summary>A roster person writing from their own number for the first time gets their chat linked; strangers stay unlinked and are refused politely.</summary>
    private async Task LinkRosterPeopleAsync(BotDbContext db, IReadOnlyList<string> waIds, CancellationToken cancellationToken)
    {
        if (waIds.Count == 0) return;
        var linked = await db.ChatLinks.Where(l => l.Channel == WhatsAppChannel.Name && waIds.Contains(l.ChatId)).Select(l => l.ChatId).ToListAsync(cancellationToken);
        var phones = waIds.Except(linked)
            .Select(w => (WaId: w, Ok: PhoneNumber.TryParse(w, out var phone), Digits: phone.Digits))
            .Where(p => p.Ok).ToList();
        if (phones.Count == 0) return;
        var hashes = phones.Select(p => db.PhoneHashOf(p.Digits)).ToList();
        var people = await db.People.Where(p => p.Active && hashes.Contains(p.PhoneHash!)).ToDictionaryAsync(p => p.PhoneDigits, cancellationToken);
        foreach (var (waId, _, phoneDigits) in phones)
            if (people.TryGetValue(phoneDigits, out var person))
            {
                db.ChatLinks.Add(new ChatLink { Channel = WhatsAppChannel.Name, ChatId = waId, PersonId = person.Id, LinkedAt = clock.GetUtcNow() });
                logger.LogInformation("WhatsApp chat linked to person {PersonId} by their roster number", person.Id);
            }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <returns>False when the status should be looked at again later (its send is not recorded yet).</returns>
    private async Task<bool> ApplyStatusAsync(BotDbContext db, InboxMessage row, JsonElement status, CancellationToken cancellationToken)
    {
        var wamid = WebhookPayload.Str(status, "id")!;
        if (!Enum.TryParse<DeliveryStatus>(WebhookPayload.Str(status, "status"), ignoreCase: true, out var state)) return true;
        var delivery = await db.Set<WhatsAppDelivery>().SingleOrDefaultAsync(d => d.Wamid == wamid, cancellationToken);
        if (delivery is null) return clock.GetUtcNow() - row.ReceivedAt > StatusPatience;
        if (state != DeliveryStatus.Failed)
        {
            // Statuses may come out of order: read never goes back to delivered.
            if (delivery.Status != DeliveryStatus.Failed && state > delivery.Status)
            {
                delivery.Status = state;
                delivery.StatusAt = WebhookPayload.Timestamp(status);
            }
            return true;
        }
        if (delivery.Status == DeliveryStatus.Failed) return true;
        delivery.Status = DeliveryStatus.Failed;
        delivery.StatusAt = WebhookPayload.Timestamp(status);
        delivery.ErrorCode = status.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            && errors[0].TryGetProperty("code", out var code) && code.TryGetInt32(out var n) ? n : null;
        await RequeueAsync(db, delivery, cancellationToken);
        return true;
    }

    /// <summary>A failed delivery is sent again (after the window reopens, for 131047) — or, after too many failures, left for the operator with an error logged.</summary>
    private async Task RequeueAsync(BotDbContext db, WhatsAppDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.OutboxMessageId is not { } outboxId || await db.Outbox.FindAsync([outboxId], cancellationToken) is not { } reply)
        {
            logger.LogWarning("WhatsApp reports a notice sent outside the outbox as failed (error {Code}); it is not re-sent", delivery.ErrorCode);
            return;
        }
        if (delivery.ErrorCode == GraphApiException.WindowClosed)
        {
            if (await db.Set<WhatsAppContact>().SingleOrDefaultAsync(c => c.WaId == reply.ChatId, cancellationToken) is { } contact)
                contact.WindowClosedAt = delivery.StatusAt;
        }
        else
        {
            var failures = await db.Set<WhatsAppDelivery>().CountAsync(d => d.OutboxMessageId == outboxId && d.Part == delivery.Part && d.Status == DeliveryStatus.Failed, cancellationToken) + 1;
            if (failures > options.Value.MaxResends)
            {
                reply.LastError = $"WhatsApp reported delivery failed {failures} times (last error {delivery.ErrorCode}); not re-sent";
                logger.LogError("Reply {Sequence} to chat {Channel}:{ChatId} failed delivery {Failures} times (WhatsApp error {Code}); it is left for the operator",
                    reply.Sequence, reply.Channel, reply.ChatId, failures, delivery.ErrorCode);
                return;
            }
        }
        reply.SentAt = null;
        reply.NextAttemptAt = clock.GetUtcNow();
        reply.LastError = $"WhatsApp reported delivery failed (error {delivery.ErrorCode}); sending again";
        logger.LogWarning("Reply {Sequence} to chat {Channel}:{ChatId} failed delivery (WhatsApp error {Code}); queued again", reply.Sequence, reply.Channel, reply.ChatId, delivery.ErrorCode);
        outboxSignal.Notify();
    }
}
