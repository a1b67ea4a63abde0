namespace PK.Domain.Conversations;

/// <summary>One message to send back, channel-neutral.</summary>
/// <param name="Text">The whole text (echo, notices and the question), plain, lines separated by '\n'.</param>
/// <param name="Options">Choices to draw, when the current question has them.</param>
/// <param name="Kind">What the reply is; channels switch on it, never on its text.</param>
public sealed record Reply(string Text, IReadOnlyList<ReplyOption> Options, ReplyKind Kind = ReplyKind.Notice)
{
    public static Reply Plain(string text) => new(text, []);

    /// <summary>A whole form screen to open instead of asking the question in chat, for a channel that can draw one.</summary>
    public FormScreen? Screen { get; init; }
}
