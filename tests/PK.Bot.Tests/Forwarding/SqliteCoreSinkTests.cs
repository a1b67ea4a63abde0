using Microsoft.Extensions.Logging.Abstractions;
using PK.Bot.Forwarding;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

public sealed class SqliteCoreSinkTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly SqliteCoreSink sink;
    private readonly CoreQuery core;

    public SqliteCoreSinkTests()
    {
        sink = new SqliteCoreSink($"Data Source={folder.File("core.db")}", NullLogger<SqliteCoreSink>.Instance);
        core = CoreQuery.Sqlite(folder.File("core.db"));
    }

    [Fact] public Task NewRecordsAreStoredWithTheirColumns() => CoreSinkScenarios.NewRecordsAreStoredWithTheirColumns(sink, core);
    [Fact] public Task AnIdenticalRepeatIsAcceptedAndChangesNothing() => CoreSinkScenarios.AnIdenticalRepeatIsAcceptedAndChangesNothing(sink, core);
    [Fact] public Task ANewerVersionBecomesTheRowAndTheOlderMovesToHistory() => CoreSinkScenarios.ANewerVersionBecomesTheRowAndTheOlderMovesToHistory(sink, core);
    [Fact] public Task TwoVersionsInOneBatchLeaveTheNewerAsTheRow() => CoreSinkScenarios.TwoVersionsInOneBatchLeaveTheNewerAsTheRow(sink, core);
    [Fact] public Task SameVersionOtherContentIsAConflictSetAsideNeverAnOverwrite() => CoreSinkScenarios.SameVersionOtherContentIsAConflictSetAsideNeverAnOverwrite(sink, core);
    [Fact] public Task ARecordWithABadRegionCodeIsRejectedWhileTheRestIsStored() => CoreSinkScenarios.ARefusedRecordIsRejectedWhileTheRestOfTheBatchIsStored(sink, core, CoreSinkScenarios.NotADesa());
    [Fact] public Task TheSchemaIsCreatedOnceAndUpgradingAgainChangesNothing() => CoreSinkScenarios.TheSchemaIsCreatedOnceAndUpgradingAgainChangesNothing(sink, core);

    [Fact]
    public async Task AReorderedButEqualPayloadIsTheSameContent()
    {
        var id = Guid.CreateVersion7();
        var record = FamilyRecords.Record(id);
        await sink.DeliverAsync([record], default);
        var reordered = System.Text.Json.Nodes.JsonNode.Parse(record.Payload)!.AsObject();
        var shuffled = new System.Text.Json.Nodes.JsonObject(reordered.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var outcome = await sink.DeliverAsync([record with { Payload = shuffled.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) }], default);

        Assert.Equal(OutcomeKind.Accepted, Assert.Single(outcome).Kind);
        Assert.Equal(0, await core.CountAsync("pk_family_record_conflicts"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
