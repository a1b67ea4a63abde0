namespace PK.Domain.Conversations;

/// <summary>What kind of thing a person sent, as far as the conversation cares.</summary>
public enum InboundKind
{
    /// <summary>Typed text (a command starts with '/').</summary>
    Text,
    /// <summary>A button or list choice; <see cref="Inbound.Text"/> holds the option token the bot drew.</summary>
    Option,
    /// <summary>A sticker, photo, voice note, location, document… that no question asks for.</summary>
    Unsupported,
}

/// <summary>One incoming message, channel-neutral, as the conversation sees it.</summary>
/// <param name="SentAt">The platform's timestamp of when the person sent it.</param>
public sealed record Inbound(InboundKind Kind, string Text, DateTimeOffset SentAt);

/// <summary>One option a channel can draw as a button, list row or numbered line.</summary>
/// <param name="Token">What the channel sends back when it is chosen (compact, ≤ 40 ASCII chars, identifies the question).</param>
/// <param name="Label">The full label, in Bahasa Indonesia.</param>
/// <param name="Number">The number a kader may type for it ("1", "2", …).</param>
public sealed record ReplyOption(string Token, string Label, string Number);

/// <summary>Where the kader is in the form, for a progress line ("Blok I · Anggota 2 dari 4 · 2.7").</summary>
public sealed record ProgressMarker(string Block, int? Member, int? MemberCount, string ItemNumber);

/// <summary>One message to send back, channel-neutral.</summary>
/// <param name="Text">The whole text (echo, notices and the question), plain, lines separated by '\n'.</param>
/// <param name="Options">Choices to draw, when the current question has them.</param>
/// <param name="QuestionKey">The question this reply asks, when it asks one (e.g. "I.3#2"); channels use it to spot stale buttons.</param>
/// <param name="Commands">The chat commands that apply now ("/kembali", "/ringkasan", …).</param>
public sealed record Reply(
    string Text,
    IReadOnlyList<ReplyOption> Options,
    string? QuestionKey,
    ProgressMarker? Progress,
    IReadOnlyList<string> Commands)
{
    public static Reply Plain(string text) => new(text, [], null, null, []);

    /// <summary>A whole form screen to open instead of asking the question in chat, for a channel that can draw one.</summary>
    public FormScreen? Screen { get; init; }
}
