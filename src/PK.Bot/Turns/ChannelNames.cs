namespace PK.Bot.Turns;

public static class ChannelNames
{
    public const string Console = "console";
}
