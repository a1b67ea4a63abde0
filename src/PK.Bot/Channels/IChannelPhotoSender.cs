namespace PK.Bot.Channels;

/// <summary>A channel that can send a picture (a progress chart) to a chat.</summary>
public interface IChannelPhotoSender
{
    string Channel { get; }

    /// <summary>Throws <see cref="ChannelUnavailableException"/> when the platform cannot take it now.</summary>
    Task SendPhotoAsync(string chatId, ReadOnlyMemory<byte> png, string? caption, CancellationToken cancellationToken);
}
