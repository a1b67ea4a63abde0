using PK.Bot.Turns;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.Support;

public static class Messages
{
    public static IncomingMessage Text(string chatId, string messageId, string text, string channel = RecordingSender.ChannelName) =>
        new(new ChatKey(channel, chatId), messageId, new Inbound(InboundKind.Text, text, DateTimeOffset.UtcNow));
}
