using PK.Bot.Channels;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.Support;

/// <summary>A channel that can show pictures and take files, as Telegram can: it records what it got, file bytes included.</summary>
public sealed class FileChannelSender : IChannelSender, IImageChannelSender, IDocumentChannelSender
{
    public const string ChannelName = "files";
    private readonly Lock gate = new();
    private readonly List<(string ChatId, string Text, AttachmentKind? Kind, byte[]? Bytes, string? FileName)> sent = [];

    public string Channel => ChannelName;

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => Record(message, ReplyJson.Deserialize(message.PayloadJson), null);

    public Task SendPhotoAsync(OutboxMessage message, Reply caption, OutboxAttachment photo, CancellationToken cancellationToken) => Record(message, caption, photo);

    public Task SendDocumentAsync(OutboxMessage message, Reply caption, OutboxAttachment document, CancellationToken cancellationToken) => Record(message, caption, document);

    private Task Record(OutboxMessage message, Reply reply, OutboxAttachment? file)
    {
        lock (gate) sent.Add((message.ChatId, reply.Text, file?.Kind, file is null ? null : File.ReadAllBytes(file.Path), file?.FileName));
        return Task.CompletedTask;
    }

    public IReadOnlyList<(string Text, AttachmentKind? Kind, byte[]? Bytes, string? FileName)> To(string chatId)
    {
        lock (gate) return [.. sent.Where(s => s.ChatId == chatId).Select(s => (s.Text, s.Kind, s.Bytes, s.FileName))];
    }

    public async Task<IReadOnlyList<(string Text, AttachmentKind? Kind, byte[]? Bytes, string? FileName)>> WaitForAsync(string chatId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var got = To(chatId);
            if (got.Count >= count) return got;
            await Task.Delay(10);
        }
        throw new TimeoutException($"Chat {chatId} got {To(chatId).Count} of {count} messages.");
    }
}
