using System.Text.Json;
using PK.Domain.Conversations;

namespace PK.Bot.Conversations;

/// <summary>The outbox payload: a neutral Reply as JSON.</summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static Reply Deserialize(string json) =>
        JsonSerializer.Deserialize<Reply>(json, Options) ?? throw new JsonException("An outbox payload was empty.");
}
