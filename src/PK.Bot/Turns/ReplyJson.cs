using PK.Bot.Channels;
using PK.Domain.Conversations;

namespace PK.Bot.Turns;

/// <summary>A plain reply as an outbox payload, and the reply of any payload (see <see cref="OutboxPayload"/>, which this only wraps).</summary>
public static class ReplyJson
{
    public static string Serialize(Reply reply) => OutboxPayload.Of(reply).Serialize();

    public static Reply Deserialize(string json) => OutboxPayload.Parse(json).Reply;
}
