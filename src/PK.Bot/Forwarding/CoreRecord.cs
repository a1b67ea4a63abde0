using System.Text.Json;
using System.Text.Json.Nodes;

namespace PK.Bot.Forwarding;

/// <summary>One family record on its way to the core: the columns the core keeps, and the payload (plain JSON).</summary>
public sealed record CoreRecord(
    long QueueId,
    Guid RecordId,
    int Version,
    string FormId,
    string FormVersion,
    string RegionCode,
    string KaderId,
    DateTimeOffset StartedAt,
    DateTimeOffset SubmittedAt,
    string Payload)
{
    /// <summary>Reads the columns from the record's JSON (camelCase, docs/family-record.md).</summary>
    /// <exception cref="JsonException">The payload is not a family record.</exception>
    public static CoreRecord FromPayload(long queueId, string payload)
    {
        var header = JsonSerializer.Deserialize<Header>(payload, JsonOptions)
            ?? throw new JsonException("The payload is empty.");
        if (header.RecordId == Guid.Empty || header.Region?.Desa is not { Length: > 0 } desa || header.FormId is null || header.FormVersion is null || header.KaderId is null)
            throw new JsonException("The payload lacks recordId, formId, formVersion, kaderId or region.desa.");
        return new CoreRecord(queueId, header.RecordId, header.Version, header.FormId, header.FormVersion, desa, header.KaderId,
            header.StartedAt.ToUniversalTime(), header.SubmittedAt.ToUniversalTime(), payload);
    }

    /// <summary><c>record id:version</c>: the idempotency key, and how records are named in logs.</summary>
    public string Key => $"{RecordId:D}:{Version}";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Header(Guid RecordId, int Version, string? FormId, string? FormVersion, RegionHeader? Region, string? KaderId, DateTimeOffset StartedAt, DateTimeOffset SubmittedAt);

    private sealed record RegionHeader(string? Desa);
}

/// <summary>JSON with object keys sorted and no whitespace: two records with the same content have the same text.</summary>
public static class CanonicalJson
{
    public static string Of(string json) => Write(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Write(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Write(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Write)]),
        null => null,
        _ => node.DeepClone(),
    };
}
