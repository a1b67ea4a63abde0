using Microsoft.Extensions.Options;
using PK.Bot.Persistence;
using PK.Domain;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// Sends one outbox reply as one or more WhatsApp messages: only inside the person's 24-hour window (a template
/// notice outside it), each part checked against WhatsApp's limits, paced, and recorded by its wamid so a retry
/// sends only the parts that have not gone yet. Charts and workbooks are uploaded to <c>/media</c> and sent by media id,
/// inside the window only (outside it they wait like any free-form reply).
/// </summary>
public sealed class WhatsAppChannelSender(
    GraphApiClient graph,
    SendPace pace,
    IServiceScopeFactory scopes,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppChannelSender> logger) : IChannelSender, IImageChannelSender, IDocumentChannelSender
{
    public string Channel => WhatsAppChannel.Name;

    public DateTimeOffset ReadyAt(string chatId) => pace.ReadyAt(chatId);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var to = message.ChatId;
        // Id 0: a notice sent outside the outbox because storage failed; the person has just written, so the window is open.
        var direct = message.Id == 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = direct ? null : scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var windowOpen = db is null || await WindowOpenAsync(db, to, cancellationToken);

        Reply? reply = null;
        IReadOnlyList<GraphMessage> parts;
        if (message.Payload.Template is { } notice)
        {
            if (windowOpen) return;
            parts = [notice.ToMessage(to, options.Value.Templates)];
        }
        else
        {
            if (!windowOpen) throw WindowClosed();
            reply = message.Payload.Reply;
            parts = Checked(reply, to);
        }

        var done = db is null ? [] : await db.Set<WhatsAppDelivery>()
            .Where(d => d.OutboxMessageId == message.Id && d.Status != DeliveryStatus.Failed)
            .Select(d => d.Part).ToHashSetAsync(cancellationToken);
        for (var part = 0; part < parts.Count; part++)
        {
            if (done.Contains(part)) continue;
            var wamid = await SendPartAsync(parts[part], reply, to, cancellationToken);
            if (db is null) continue;
            db.Add(new WhatsAppDelivery { Wamid = wamid, OutboxMessageId = message.Id, Part = part, Status = DeliveryStatus.Accepted, SentAt = clock.GetUtcNow() });
            await UnsyncedSave.SaveChangesAsync(db);
        }
    }

    public Task SendPhotoAsync(OutboxMessage message, Reply caption, OutboxAttachment photo, CancellationToken cancellationToken) =>
        SendAttachmentAsync(message, caption, photo, cancellationToken);

    public Task SendDocumentAsync(OutboxMessage message, Reply caption, OutboxAttachment document, CancellationToken cancellationToken) =>
        SendAttachmentAsync(message, caption, document, cancellationToken);

    private async Task SendAttachmentAsync(OutboxMessage message, Reply caption, OutboxAttachment attachment, CancellationToken cancellationToken)
    {
        var to = message.ChatId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (!await WindowOpenAsync(db, to, cancellationToken)) throw WindowClosed();
        if (await db.Set<WhatsAppDelivery>().AnyAsync(d => d.OutboxMessageId == message.Id && d.Status != DeliveryStatus.Failed, cancellationToken)) return;

        // Uploaded again on every attempt: a media id from a failed attempt may have expired by the retry.
        var mediaId = await GuardAsync(to, paced: false, () => graph.UploadAsync(attachment, cancellationToken), cancellationToken);
        var media = GraphMessage.OfMedia(to, attachment.Kind, mediaId, OutboxAttachments.Caption(caption.Text, WhatsAppLimits.MediaCaption), attachment.FileName);
        if (WhatsAppLimits.Check(media) is { Count: > 0 } problems)
            throw new InvalidOperationException($"A file cannot be sent within WhatsApp's limits: {string.Join("; ", problems)}");
        var wamid = await GuardAsync(to, paced: true, () => graph.SendAsync(media, cancellationToken), cancellationToken);
        db.Add(new WhatsAppDelivery { Wamid = wamid, OutboxMessageId = message.Id, Part = 0, Status = DeliveryStatus.Accepted, SentAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The reply drawn within limits; if the drawing breaks one (a bug, never the kader's problem), the numbered text instead.</summary>
    private IReadOnlyList<GraphMessage> Checked(Reply reply, string to)
    {
        var parts = WhatsAppRenderer.Render(reply, to);
        var problems = parts.SelectMany(WhatsAppLimits.Check).ToList();
        if (problems.Count == 0) return parts;
        logger.LogWarning("A reply broke WhatsApp's limits ({Problems}); sending it as numbered text", string.Join("; ", problems));
        parts = WhatsAppRenderer.Numbered(reply, to);
        problems = parts.SelectMany(WhatsAppLimits.Check).ToList();
        return problems.Count == 0 ? parts : throw new InvalidOperationException($"A reply cannot be drawn within WhatsApp's limits: {string.Join("; ", problems)}");
    }

    private async Task<string> SendPartAsync(GraphMessage part, Reply? reply, string to, CancellationToken cancellationToken)
    {
        try
        {
            return await GuardAsync(to, paced: true, () => graph.SendAsync(part, cancellationToken), cancellationToken);
        }
        catch (GraphApiException ex) when (ex.Malformed && part.Interactive is { } interactive && reply is not null)
        {
            // WhatsApp refused the buttons or list: the same question as numbered text still reaches the kader.
            logger.LogWarning("WhatsApp refused an interactive message (error {Code}); sending it as numbered text", ex.Code);
            var text = $"{interactive.Body.Text.TrimEnd()}\n\n{string.Join("\n", reply.Options.Select(o => $"{o.Number}. {o.Label}"))}\n{WhatsAppTexts.TypeNumber}";
            string wamid = "";
            foreach (var chunk in TextChunks.Split(text, WhatsAppLimits.TextBody))
                wamid = await SendPartAsync(GraphMessage.OfText(to, chunk), null, to, cancellationToken);
            return wamid;
        }
    }

    /// <summary>One Graph API call within the pace; throttling, a closed window and outages become <see cref="ChannelUnavailableException"/>.</summary>
    private async Task<string> GuardAsync(string to, bool paced, Func<Task<string>> call, CancellationToken cancellationToken)
    {
        try
        {
            if (paced) await pace.WaitTurnAsync(to, cancellationToken);
            var result = await call();
            if (paced) pace.Succeeded();
            return result;
        }
        catch (GraphApiException ex) when (ex.Code == GraphApiException.WindowClosed)
        {
            await MarkWindowClosedAsync(to);
            throw WindowClosed(ex);
        }
        catch (GraphApiException ex) when (ex.NumberThrottled)
        {
            var pause = pace.NumberThrottled(ex.RetryAfter);
            throw new ChannelUnavailableException($"WhatsApp throttled the number ({ex.Message}); holding back {pause}", ex, pause);
        }
        catch (GraphApiException ex) when (ex.PersonThrottled)
        {
            var pause = pace.PersonThrottled(to);
            throw new ChannelUnavailableException($"WhatsApp throttled messages to this person ({ex.Message}); holding back {pause}", ex, pause);
        }
        catch (GraphApiException ex) when (ex.Transient)
        {
            throw new ChannelUnavailableException($"WhatsApp unavailable: {ex.Message}", ex);
        }
    }

    private async Task<bool> WindowOpenAsync(BotDbContext db, string waId, CancellationToken cancellationToken)
    {
        var contact = await db.Set<WhatsAppContact>().AsNoTracking().SingleOrDefaultAsync(c => c.WaId == waId, cancellationToken);
        return contact?.WindowOpen(clock.GetUtcNow()) == true;
    }

    private async Task MarkWindowClosedAsync(string waId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (await db.Set<WhatsAppContact>().SingleOrDefaultAsync(c => c.WaId == waId) is { } contact)
        {
            contact.WindowClosedAt = clock.GetUtcNow();
            await db.SaveChangesAsync();
        }
    }

    private ChannelUnavailableException WindowClosed(Exception? inner = null) =>
        new("WhatsApp's 24-hour window is closed; the reply waits until the person writes again", inner, options.Value.WindowRecheck);
}
