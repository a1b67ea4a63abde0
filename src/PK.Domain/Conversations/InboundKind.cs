namespace PK.Domain.Conversations;

/// <summary>What kind of thing a person sent, as far as the conversation cares.</summary>
public enum InboundKind
{
    /// <summary>Typed text (a command starts with '/').</summary>
    Text,
    /// <summary>A button or list choice; <see cref="Inbound.Text"/> holds the <see cref="OptionToken"/> the bot drew.</summary>
    Option,
    /// <summary>A sticker, photo, voice note, location, document… that no question asks for.</summary>
    Unsupported,
}
