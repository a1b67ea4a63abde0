using System.Globalization;
using System.Text.Json;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>One item of a webhook delivery, as it is stored in the inbox: a person's message, or a delivery status of ours.</summary>
/// <param name="PlatformId">The inbox key: the message's wamid, or <c>status:</c> wamid <c>:</c> status.</param>
/// <param name="Json">The item exactly as Meta sent it, wrapped as <c>{"message": …}</c> or <c>{"status": …}</c>.</param>
public sealed record WebhookItem(string PlatformId, string Json, string WaId, DateTimeOffset Timestamp, bool IsMessage);

/// <summary>Reads Meta's webhook JSON: entries → changes → value.messages / value.statuses, for our phone number only.</summary>
public static class WebhookPayload
{
    public static IReadOnlyList<WebhookItem> Parse(ReadOnlySpan<byte> body, string phoneNumberId)
    {
        var reader = new Utf8JsonReader(body);
        using var json = JsonDocument.ParseValue(ref reader);
        var items = new List<WebhookItem>();
        if (!json.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return items;
        foreach (var entry in entries.EnumerateArray())
        {
            if (!entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array) continue;
            foreach (var change in changes.EnumerateArray())
            {
                if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
                // One app may serve several numbers; this instance answers for its own only.
                if (value.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("phone_number_id", out var id) && id.GetString() != phoneNumberId) continue;
                foreach (var message in Array(value, "messages"))
                    if (Str(message, "id") is { } wamid && Str(message, "from") is { } from)
                        items.Add(new WebhookItem(wamid, Wrap("message", message), from, Timestamp(message), true));
                foreach (var status in Array(value, "statuses"))
                    if (Str(status, "id") is { } wamid && Str(status, "status") is { } state)
                        items.Add(new WebhookItem($"status:{wamid}:{state}", Wrap("status", status), Str(status, "recipient_id") ?? "", Timestamp(status), false));
            }
        }
        return items;
    }

    /// <summary>What a stored message means to the conversation; null for what needs no answer (a reaction, a system notice).</summary>
    public static Inbound? ToInbound(JsonElement message)
    {
        var at = Timestamp(message);
        switch (Str(message, "type"))
        {
            case "text":
                return new Inbound(InboundKind.Text, message.TryGetProperty("text", out var text) ? Str(text, "body") ?? "" : "", at);
            case "interactive" when message.TryGetProperty("interactive", out var interactive):
                // A WhatsApp Flow's answers: handed on whole, for the Flow layer (WhatsAppFlowTurns) to read.
                if (Str(interactive, "type") == "nfm_reply")
                    return interactive.TryGetProperty("nfm_reply", out var nfm) && Str(nfm, "response_json") is { } response
                        ? new Inbound(InboundKind.Option, Flows.WhatsAppFlowTurns.ReplyPrefix + response, at)
                        : new Inbound(InboundKind.Unsupported, "", at);
                var reply = Str(interactive, "type") switch
                {
                    "button_reply" => interactive.TryGetProperty("button_reply", out var b) ? b : default,
                    "list_reply" => interactive.TryGetProperty("list_reply", out var l) ? l : default,
                    _ => default,
                };
                return reply.ValueKind == JsonValueKind.Object && Str(reply, "id") is { } token
                    ? new Inbound(InboundKind.Option, token, at)
                    : new Inbound(InboundKind.Unsupported, "", at);
            case "button" when message.TryGetProperty("button", out var button):
                // A template's quick-reply button: its text (or payload) reads as if typed.
                return new Inbound(InboundKind.Text, Str(button, "text") ?? Str(button, "payload") ?? "", at);
            case "reaction" or "system" or "ephemeral" or "request_welcome":
                return null;
            default:
                return new Inbound(InboundKind.Unsupported, "", at);
        }
    }

    public static DateTimeOffset Timestamp(JsonElement item) =>
        Str(item, "timestamp") is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;

    private static IEnumerable<JsonElement> Array(JsonElement value, string name) =>
        value.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Wrap(string kind, JsonElement item) => $"{{\"{kind}\":{item.GetRawText()}}}";
}
