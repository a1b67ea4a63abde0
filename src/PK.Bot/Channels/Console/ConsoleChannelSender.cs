using System.Text;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.Console;

/// <summary>Where the console conversation is written: stdout, unless a test says otherwise.</summary>
public sealed class ConsoleOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}

/// <summary>
/// Prints a reply: its text, its options as numbered lines, then one blank line. Files: where they were written. Blank lines inside a reply
/// are dropped, so a blank line always means "end of this reply" to whoever reads the output.
/// </summary>
public sealed class ConsoleChannelSender(ConsoleOutput output) : IChannelSender, IImageChannelSender, IDocumentChannelSender
{
    public Task SendPhotoAsync(OutboxMessage message, Reply caption, OutboxAttachment photo, CancellationToken cancellationToken) =>
        WriteAsync($"{caption.Text}\n{PK.Domain.Texts.ConsoleFileWritten(photo.Path)}\n\n", cancellationToken);

    public Task SendDocumentAsync(OutboxMessage message, Reply caption, OutboxAttachment document, CancellationToken cancellationToken) =>
        WriteAsync($"{caption.Text}\n{PK.Domain.Texts.ConsoleFileWritten(document.Path)}\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await output.Writer.WriteAsync(text.AsMemory(), cancellationToken);
        await output.Writer.FlushAsync(cancellationToken);
    }

    public string Channel => ChannelNames.Console;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var reply = ReplyJson.Deserialize(message.PayloadJson);
        var text = new StringBuilder();
        foreach (var line in reply.Text.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)))
            text.Append(line).Append('\n');
        foreach (var option in reply.Options)
            text.Append(option.Number).Append(". ").Append(option.Label).Append('\n');
        text.Append('\n');
        await output.Writer.WriteAsync(text.ToString().AsMemory(), cancellationToken);
        await output.Writer.FlushAsync(cancellationToken);
    }
}
