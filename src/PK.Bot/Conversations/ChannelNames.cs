namespace PK.Bot.Conversations;

public static class ChannelNames
{
    public const string Console = "console";
}
