using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PK.Domain.Conversations;
using PK.Domain.Interviews;

namespace PK.Micro;

/// <summary>
/// The JSON the host pays around every turn: the chat's <see cref="ConversationState"/> and the kader's interview
/// snapshots read, then written back (System.Text.Json defaults, as ConversationTurnHandler does).
/// </summary>
[MemoryDiagnoser]
public class SnapshotJson
{
    private static readonly JsonSerializerOptions HostJson = new();
    private string _state = "", _mid = "", _late = "";

    [GlobalSetup]
    public void Setup()
    {
        var mid = Chat.After(Chat.FamilyOfFour[..10]);
        _state = mid.StateJson;
        _mid = mid.SnapshotJson.Single();
        _late = Chat.After(Chat.FamilyOfFour[..19]).SnapshotJson.Single();
    }

    [Benchmark(Description = "state + snapshot round trip, mid-family")]
    public string RoundTripMid() => RoundTrip(_mid);

    [Benchmark(Description = "state + snapshot round trip, late family")]
    public string RoundTripLate() => RoundTrip(_late);

    private string RoundTrip(string snapshotJson)
    {
        var state = JsonSerializer.Deserialize<ConversationState>(_state, HostJson)!;
        var snapshot = JsonSerializer.Deserialize<InterviewSnapshot>(snapshotJson, HostJson)!;
        return JsonSerializer.Serialize(state, HostJson) + JsonSerializer.Serialize(snapshot, HostJson);
    }
}
