using PK.Bot.Hosting;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Bot.Channels.Inbox;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// WhatsApp's side of the inbox pipeline: reads what the webhook stored — a person's message goes to the dispatcher
/// (its chat linked first when the number is on the roster), ordered by WhatsApp's timestamps; a delivery status of
/// ours is recorded against the outbox. A wamid already applied is recognised by the turn itself.
/// </summary>
public sealed class WhatsAppInboxChannel(
    IServiceScopeFactory scopes,
    ChatDispatcher dispatcher,
    WakeSignal<OutboxSender> outboxSignal,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppInboxChannel> logger) : IInboxChannel
{
    /// <summary>A status may outrun the send that recorded its wamid; it waits this long for it.</summary>
    private static readonly TimeSpan StatusPatience = TimeSpan.FromMinutes(2);

    public string Name => WhatsAppChannel.Name;

    public TimeSpan Settle => options.Value.InboxSettle;

    private sealed record StoredStatus(JsonElement Status, DateTimeOffset ReceivedAt);

    public InboxItem Read(InboxMessage row)
    {
        using var json = JsonDocument.Parse(row.RawPayload);
        var root = json.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message))
        {
            var from = WebhookPayload.Str(message, "from") ?? throw new JsonException("A stored WhatsApp message has no sender.");
            var content = WebhookPayload.ToInbound(message);
            var incoming = content is null ? null : new IncomingMessage(new ChatKey(WhatsAppChannel.Name, from), row.PlatformId, content, RetriedByChannel: true);
            return new InboxItem(from, WebhookPayload.Timestamp(message).ToUnixTimeSeconds(), (object?)incoming ?? "nothing to answer");
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status))
            // Statuses need no order among themselves: each is applied on its own.
            return new InboxItem(null, 0, new StoredStatus(status.Clone(), row.ReceivedAt));
        return new InboxItem(null, 0, "nothing to apply");
    }

    public async Task<InboxOutcome> ApplyAsync(InboxItem item, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        switch (item.Content)
        {
            case StoredStatus status:
                var done = await ApplyStatusAsync(db, status.ReceivedAt, status.Status, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return done ? InboxOutcome.Done : InboxOutcome.Later;
            case IncomingMessage message:
                await LinkIfOnRosterAsync(db, message.Chat.ChatId, cancellationToken);
                var outcome = await dispatcher.DispatchAsync(message, cancellationToken);
                if (outcome == TurnOutcome.Failed)
                    throw new InvalidOperationException($"The turn of WhatsApp message {message.MessageId} was not saved; it will be applied again.");
                // A reply that waited for a closed window may go now that the person has written.
                if (await WhatsAppInbox.WakeWaitingRepliesAsync(db, [message.Chat.ChatId], clock.GetUtcNow(), cancellationToken) > 0) outboxSignal.Notify();
                return outcome == TurnOutcome.Ignored ? InboxOutcome.Forget : InboxOutcome.Done;
            default:
                return InboxOutcome.Done;
        }
    }

    /// <summary>A roster person writing from their own number for the first time gets their chat linked; strangers stay unlinked and are refused politely.</summary>
    private async Task LinkIfOnRosterAsync(BotDbContext db, string waId, CancellationToken cancellationToken)
    {
        if (await db.ChatLinks.AnyAsync(l => l.Channel == WhatsAppChannel.Name && l.ChatId == waId, cancellationToken)) return;
        if (await WhatsAppInbox.RosterPersonAsync(db, waId, cancellationToken) is not { } person) return;
        db.ChatLinks.Add(new ChatLink { Channel = WhatsAppChannel.Name, ChatId = waId, PersonId = person.Id, LinkedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("WhatsApp chat linked to person {PersonId} by their roster number", person.Id);
    }

    /// <returns>False when the status should be looked at again later (its send is not recorded yet).</returns>
    private async Task<bool> ApplyStatusAsync(BotDbContext db, DateTimeOffset receivedAt, JsonElement status, CancellationToken cancellationToken)
    {
        if (WebhookPayload.Str(status, "id") is not { } wamid) return true;
        if (!Enum.TryParse<DeliveryStatus>(WebhookPayload.Str(status, "status"), ignoreCase: true, out var state)) return true;
        var delivery = await db.Set<WhatsAppDelivery>().SingleOrDefaultAsync(d => d.Wamid == wamid, cancellationToken);
        if (delivery is null) return clock.GetUtcNow() - receivedAt > StatusPatience;
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
            && errors[0].ValueKind == JsonValueKind.Object && errors[0].TryGetProperty("code", out var code) && code.TryGetInt32(out var n) ? n : null;
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
