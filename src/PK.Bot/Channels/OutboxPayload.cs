using System.Text.Json;
using System.Text.Json.Serialization;
using PK.Bot.Channels.Telegram;
using PK.Bot.Channels.WhatsApp;
using PK.Domain.Conversations;

namespace PK.Bot.Channels;

/// <summary>
/// What one outbox row asks a channel to send: the neutral reply, and what goes with it — a file, what only Telegram
/// draws, or the WhatsApp template that stands in for a reply outside the 24-hour window. Serialised once when
/// queued, parsed once when sent.
/// </summary>
/// <param name="Reply">The reply; for a template notice an empty plain reply (the template carries the words).</param>
public sealed record OutboxPayload(
    Reply Reply,
    OutboxAttachment? Attachment = null,
    TelegramExtras? Telegram = null,
    TemplateNotice? Template = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // The members written before the payload had one type: the reply's own members at the top, these beside them.
    private const string OldAttachment = "attachment";
    private const string OldTelegram = "telegram";
    private const string OldTemplate = "whatsAppTemplate";
    private const string ReplyMember = "reply";

    public static OutboxPayload Of(Reply reply) => new(reply);

    public static OutboxPayload Notice(TemplateNotice notice) => new(Reply.Plain(""), Template: notice);

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a payload in today's form or in any form an older version left in the outbox.</summary>
    public static OutboxPayload Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("An outbox payload is not a JSON object.");
        if (root.TryGetProperty(ReplyMember, out var reply) && reply.ValueKind == JsonValueKind.Object)
            return root.Deserialize<OutboxPayload>(Options) ?? throw new JsonException("An outbox payload was empty.");
        if (root.TryGetProperty(OldTemplate, out var template))
            return Notice(template.Deserialize<TemplateNotice>(Options)!);
        return new OutboxPayload(
            root.Deserialize<Reply>(Options) ?? throw new JsonException("An outbox payload was empty."),
            root.TryGetProperty(OldAttachment, out var attachment) && attachment.ValueKind == JsonValueKind.Object ? attachment.Deserialize<OutboxAttachment>(Options) : null,
            root.TryGetProperty(OldTelegram, out var telegram) && telegram.ValueKind == JsonValueKind.Object ? telegram.Deserialize<TelegramExtras>(Options) : null);
    }
}
