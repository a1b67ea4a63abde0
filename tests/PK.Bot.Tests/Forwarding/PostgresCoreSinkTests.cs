using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PK.Bot.Forwarding;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

public sealed class PostgresCoreSinkTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private PostgresCoreSink sink = null!;
    private CoreQuery core = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        sink = new PostgresCoreSink(NpgsqlDataSource.Create(database.ConnectionString), NullLogger<PostgresCoreSink>.Instance);
        core = CoreQuery.Postgres(database.ConnectionString);
    }

    [PostgresFact] public Task NewRecordsAreStoredWithTheirColumns() => CoreSinkScenarios.NewRecordsAreStoredWithTheirColumns(sink, core);
    [PostgresFact] public Task AnIdenticalRepeatIsAcceptedAndChangesNothing() => CoreSinkScenarios.AnIdenticalRepeatIsAcceptedAndChangesNothing(sink, core);
    [PostgresFact] public Task ANewerVersionBecomesTheRowAndTheOlderMovesToHistory() => CoreSinkScenarios.ANewerVersionBecomesTheRowAndTheOlderMovesToHistory(sink, core);
    [PostgresFact] public Task TwoVersionsInOneBatchLeaveTheNewerAsTheRow() => CoreSinkScenarios.TwoVersionsInOneBatchLeaveTheNewerAsTheRow(sink, core);
    [PostgresFact] public Task SameVersionOtherContentIsAConflictSetAsideNeverAnOverwrite() => CoreSinkScenarios.SameVersionOtherContentIsAConflictSetAsideNeverAnOverwrite(sink, core);

    [PostgresFact]
    public Task ARecordWithABadRegionCodeOrANulCharacterIsRejectedWhileTheRestIsStored() =>
        CoreSinkScenarios.ARefusedRecordIsRejectedWhileTheRestOfTheBatchIsStored(sink, core, CoreSinkScenarios.NotADesa(), FamilyRecords.Record(Guid.CreateVersion7(), street: "Jl. \0 Melati"));

    [PostgresFact] public Task TheSchemaIsCreatedOnceAndUpgradingAgainChangesNothing() => CoreSinkScenarios.TheSchemaIsCreatedOnceAndUpgradingAgainChangesNothing(sink, core);

    [PostgresFact]
    public async Task ThePayloadIsStoredAsJsonb()
    {
        await sink.DeliverAsync([FamilyRecords.Record(Guid.CreateVersion7())], default);
        Assert.Equal("jsonb", await core.TextAsync("SELECT pg_typeof(payload)::text FROM pk_family_records"));
        Assert.Equal("33.13.01.2001", await core.TextAsync("SELECT payload->'region'->>'desa' FROM pk_family_records"));
    }

    public async Task DisposeAsync()
    {
        if (sink is not null) await sink.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
