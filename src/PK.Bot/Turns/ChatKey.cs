namespace PK.Bot.Turns;

/// <summary>One chat on one channel: the unit of ordering.</summary>
public readonly record struct ChatKey(string Channel, string ChatId)
{
    public override string ToString() => $"{Channel}:{ChatId}";
}
