namespace PK.Bot.Channels.Telegram;

/// <summary>A reply keyboard (below the input field), as opposed to the inline keyboard drawn from a reply's options.</summary>
public enum ReplyKeyboard
{
    None,
    /// <summary>The one "Bagikan nomor telepon" button that shares the person's own contact.</summary>
    RequestContact,
    /// <summary>Take the contact button away.</summary>
    Remove,
}

/// <summary>What only Telegram draws, carried beside the neutral reply in the same outbox row (<see cref="OutboxPayload.Telegram"/>).</summary>
/// <param name="EditMessageId">Set: edit this earlier message (its buttons go) instead of sending a new one.</param>
public sealed record TelegramExtras(ReplyKeyboard Keyboard = ReplyKeyboard.None, int? EditMessageId = null)
{
    public static readonly TelegramExtras None = new();
}
