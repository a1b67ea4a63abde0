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
    /// <exception cref="JsonException">The body is not JSON, or not shaped as Meta's webhook JSON is (the caller answers 400).</exception>
    public static IReadOnlyList<WebhookItem> Parse(ReadOnlySpan<byte> body, string phoneNumberId)
    {
        var reader = new Utf8JsonReader(body);
        using var json = JsonDocument.ParseValue(ref reader);
        var items = new List<WebhookItem>();
        var root = Expect(json.RootElement, JsonValueKind.Object, "the body");
        if (!root.TryGetProperty("entry", out var entries)) return items;
        foreach (var entry in Objects(entries, "entry"))
        {
            if (!entry.TryGetProperty("changes", out var changes)) continue;
            foreach (var change in Objects(changes, "changes"))
            {
                if (!change.TryGetProperty("value", out var value)) continue;
                Expect(value, JsonValueKind.Object, "value");
                // One app may serve several numbers; this instance answers for its own only.
                if (value.TryGetProperty("metadata", out var metadata)
                    && Expect(metadata, JsonValueKind.Object, "metadata").TryGetProperty("phone_number_id", out var id)
                    && Expect(id, JsonValueKind.String, "phone_number_id").GetString() != phoneNumberId) continue;
                foreach (var message in ObjectsIn(value, "messages"))
                    if (Str(message, "id") is { } wamid && Str(message, "from") is { } from)
                        items.Add(new WebhookItem(wamid, Wrap("message", message), from, Timestamp(message), true));
                foreach (var status in ObjectsIn(value, "statuses"))
                    if (Str(status, "id") is { } wamid && Str(status, "status") is { } state)
                        items.Add(new WebhookItem($"status:{wamid}:{state}", Wrap("status", status), Str(status, "recipient_id") ?? "", Timestamp(status), false));
            }
        }
        return items;
    }

    private static JsonElement Expect(JsonElement element, JsonValueKind kind, string what) =>
        element.ValueKind == kind ? element : throw new JsonException($"In a WhatsApp webhook body, {what} is {element.ValueKind}, not {kind}.");

    /// <summary>The array of objects in <paramref name="parent"/>'s property <paramref name="name"/>, which may be absent.</summary>
    private static List<JsonElement> ObjectsIn(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) ? Objects(array, name) : [];

    private static List<JsonElement> Objects(JsonElement array, string name) =>
        [.. Expect(array, JsonValueKind.Array, name).EnumerateArray().Select(e => Expect(e, JsonValueKind.Object, $"an element of {name}"))];

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

    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Wrap(string kind, JsonElement item) => $"{{\"{kind}\":{item.GetRawText()}}}";
}
