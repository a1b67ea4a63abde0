using System.Text;
using PK.Bot.Conversations;
using PK.Bot.Persistence;

namespace PK.Bot.Channels.Console;

/// <summary>Where the console conversation is written: stdout, unless a test says otherwise.</summary>
public sealed class ConsoleOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}

/// <summary>
/// Prints a reply: its text, its options as numbered lines, then one blank line. Blank lines inside a reply
/// are dropped, so a blank line always means "end of this reply" to whoever reads the output.
/// </summary>
public sealed class ConsoleChannelSender(ConsoleOutput output) : IChannelSender
{
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
