using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Channels;

public enum AttachmentKind { Photo, Document }

/// <summary>A file that goes with a queued reply (a chart, an export), kept on disk beside the bot database.</summary>
public sealed record OutboxAttachment(AttachmentKind Kind, string Path, string FileName, string ContentType);

/// <summary>A channel that can show a picture with a caption (Telegram's sendPhoto, WhatsApp's image message).</summary>
public interface IImageChannelSender
{
    Task SendPhotoAsync(OutboxMessage message, Reply caption, OutboxAttachment photo, CancellationToken cancellationToken);
}

/// <summary>A channel that can send a file (Telegram's sendDocument, WhatsApp's document message).</summary>
public interface IDocumentChannelSender
{
    Task SendDocumentAsync(OutboxMessage message, Reply caption, OutboxAttachment document, CancellationToken cancellationToken);
}

/// <summary>
/// The attachment rides in the outbox payload beside the Reply (<see cref="OutboxPayload.Attachment"/>), so a queued
/// chart survives a restart like any reply. A channel without the capability gets the caption and a note instead.
/// </summary>
public static class OutboxAttachments
{
    /// <summary>A caption within a platform's limit (Telegram and WhatsApp both take 1,024 characters): ours are one line, so clipping is a safeguard.</summary>
    public static string Caption(string text, int max = 1024) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>What the outbox calls instead of <see cref="IChannelSender.SendAsync"/>: the file where the channel can take it.</summary>
    public static async Task SendAsync(IChannelSender sender, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload is not { Attachment: { } attachment, Reply: var reply })
        {
            await sender.SendAsync(message, cancellationToken);
            return;
        }
        if (File.Exists(attachment.Path))
        {
            switch (attachment.Kind, sender)
            {
                case (AttachmentKind.Photo, IImageChannelSender images):
                    await images.SendPhotoAsync(message, reply, attachment, cancellationToken);
                    return;
                case (AttachmentKind.Document, IDocumentChannelSender documents):
                    await documents.SendDocumentAsync(message, reply, attachment, cancellationToken);
                    return;
            }
        }
        var plain = new OutboxMessage
        {
            Id = message.Id,
            Channel = message.Channel,
            ChatId = message.ChatId,
            Sequence = message.Sequence,
            PayloadJson = OutboxPayload.Of(Reply.Plain(PK.Domain.Texts.AttachmentNotShown(reply.Text))).Serialize(),
            CreatedAt = message.CreatedAt,
            Attempts = message.Attempts,
        };
        await sender.SendAsync(plain, cancellationToken);
    }
}
