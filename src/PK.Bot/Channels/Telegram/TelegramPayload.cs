using System.Text.Json;
using System.Text.Json.Nodes;
using PK.Bot.Conversations;
using PK.Domain.Conversations;

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

/// <summary>What only Telegram draws, carried beside the neutral reply in the same outbox row.</summary>
/// <param name="EditMessageId">Set: edit this earlier message (its buttons go) instead of sending a new one.</param>
public sealed record TelegramExtras(ReplyKeyboard Keyboard = ReplyKeyboard.None, int? EditMessageId = null)
{
    public static readonly TelegramExtras None = new();
}

/// <summary>The outbox payload of a Telegram row: the neutral reply's JSON plus an optional "telegram" member, so ReplyJson still reads it.</summary>
public static class TelegramPayload
{
    private const string Member = "telegram";
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Serialize(Reply reply, TelegramExtras? extras = null)
    {
        if (extras is null || extras == TelegramExtras.None) return ReplyJson.Serialize(reply);
        var node = JsonNode.Parse(ReplyJson.Serialize(reply))!.AsObject();
        node[Member] = JsonSerializer.SerializeToNode(extras, Options);
        return node.ToJsonString();
    }

    public static (Reply Reply, TelegramExtras Extras) Deserialize(string json)
    {
        var reply = ReplyJson.Deserialize(json);
        var extras = JsonNode.Parse(json)?[Member] is { } node ? node.Deserialize<TelegramExtras>(Options) ?? TelegramExtras.None : TelegramExtras.None;
        return (reply, extras);
    }
}
