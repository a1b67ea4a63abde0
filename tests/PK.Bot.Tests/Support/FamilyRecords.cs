using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Records;
using PK.Domain.Regions;

namespace PK.Bot.Tests.Support;

/// <summary>Real family records: the family of four walked through the real engine, and copies of it under other ids.</summary>
public static class FamilyRecords
{
    /// <summary>Husband 45, wife 38, daughter 15, son 3, as a kader types them (23 inputs).</summary>
    public static readonly IReadOnlyList<string> FamilyOfFour =
    [
        "/mulai", "Jl. Melati 5", "/lewati", "3", "2 15 1 4",
        "Budi Santoso", "3313011708750001", "ok ok 2 25 1 ok 1 2 8 1 1",
        "Siti Aminah", "3313014211820002", "ok ok 2 20 1 ok 1 1 8 1 1",
        "Rina", "3313015006050003", "ok ok 1 1 3 2 1 1 7 1 1",
        "Andi", "3313010112170004", "ok ok 1 1 3 2 1 1 1 1 1",
        "2 1 1 1 1 2 2 3 1 3/2018 5 6 1 1 1",
        "1 1 2 1 1 2 2 1 1 1 1 1 1 2 2 2 2 2 2 2 2 1 2 1 3 1 72 4 1 1 1",
        "2,3", "1", "2,9", "/kirim",
    ];

    private static readonly Lazy<FamilyRecord> familyOfFourRecord = new(BuildRecord);
    private static readonly Lazy<string> template = new(() => JsonSerializer.Serialize(familyOfFourRecord.Value, PK.Bot.Turns.ConversationTurnHandler.RecordJson));

    /// <summary>The family of four's record as the engine submits it.</summary>
    public static FamilyRecord FamilyOfFourRecord => familyOfFourRecord.Value;

    /// <summary>The family of four's record as the host queues it: serialised with the host's own options (camelCase JSON).</summary>
    public static string Template => template.Value;

    /// <summary>The template under another id and version; <paramref name="street"/> changes the content.</summary>
    public static string Payload(Guid recordId, int version = 1, string? street = null, string? desa = null)
    {
        var node = JsonNode.Parse(Template)!.AsObject();
        node["recordId"] = recordId.ToString("D");
        node["version"] = version;
        if (street is not null) node["family"]!["alamat"] = street;
        if (desa is not null) node["region"]!["desa"] = desa;
        return node.ToJsonString();
    }

    /// <summary>Queues records as a submitting turn would (encrypted, Pending); returns their record ids in order.</summary>
    public static async Task QueueAsync(IServiceProvider services, IEnumerable<string> payloads)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        foreach (var payload in payloads)
        {
            var header = CoreRecord.FromPayload(0, payload);
            db.SubmittedRecords.Add(new SubmittedRecord
            {
                RecordId = header.RecordId,
                Version = header.Version,
                PayloadJson = payload,
                SubmittedAt = DateTimeOffset.UtcNow,
                ForwardStatus = ForwardStatus.Pending,
            });
        }
        await db.SaveChangesAsync();
    }

    public static CoreRecord Record(Guid recordId, int version = 1, string? street = null, string? desa = null, long queueId = 0) =>
        CoreRecord.FromPayload(queueId, Payload(recordId, version, street, desa));

    private static FamilyRecord BuildRecord()
    {
        using var regions = new StreamReader(Path.Combine(AppContext.BaseDirectory, "data", "wilayah.csv"));
        var engine = new ConversationEngine(FormLoader.Pk21, RegionDirectory.Load(regions), new InterviewOptions());
        var actor = new Actor(Guid.NewGuid().ToString(), "Sri", Role.Kader, RegionCode.Parse("33.13.01.2001"));
        var state = new ConversationState();
        var interviews = new Dictionary<Guid, InterviewSnapshot>();
        var now = new DateTimeOffset(2021, 4, 15, 2, 0, 0, TimeSpan.Zero);
        foreach (var text in FamilyOfFour)
        {
            now = now.AddSeconds(20);
            var result = engine.Handle(new TurnInput(actor, state, [.. interviews.Values], new Inbound(InboundKind.Text, text, now), now, new NoFamilies()));
            state = result.State;
            foreach (var s in result.Changed) interviews[s.RecordId] = s;
            if (result.Submitted.Count > 0) return result.Submitted[0];
        }
        throw new InvalidOperationException("The family of four was not submitted.");
    }

    private sealed class NoFamilies : IFamilyRegistry
    {
        public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik) => null;
    }
}
