using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>The forwarder against a real PostgreSQL behind a proxy the test controls: outages lose nothing and duplicate nothing.</summary>
public sealed class PostgresChaosTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private TcpProxy proxy = null!;
    private CoreQuery core = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        proxy = new TcpProxy(database.Server.Port);
        core = CoreQuery.Postgres(database.ConnectionString);
    }

    private Task<BotFixture> StartBotAsync(int batchSize = 50) =>
        BotFixture.StartAsync(settings: ForwardingBot.Settings("Postgres", database.Via("127.0.0.1", proxy.Port), batchSize));

    private static IEnumerable<string> Families(int count) => Enumerable.Range(0, count).Select(_ => FamilyRecords.Payload(Guid.CreateVersion7()));

    private async Task AssertEachFamilyOnceAsync(BotFixture bot, int families)
    {
        Assert.Equal(families, await core.CountAsync("pk_family_records"));
        Assert.Equal(families, Convert.ToInt64(await core.ScalarAsync("SELECT count(DISTINCT record_id) FROM pk_family_records")));
        Assert.Equal(0, await core.CountAsync("pk_family_record_history"));
        Assert.Equal(0, await core.CountAsync("pk_family_record_conflicts"));
        Assert.Equal(families, await bot.CountAsync(ForwardStatus.Delivered));
    }

    [PostgresFact]
    public async Task FamiliesSubmittedWhileTheCoreIsDownAllArriveOnceWhenItIsBack()
    {
        proxy.Down = true;
        await using var bot = await StartBotAsync();
        await FamilyRecords.QueueAsync(bot.App.Services, Families(120));

        await Eventually.HoldsAsync(async () => (await bot.StatusAsync()).ConsecutiveFailures >= 3, "the circuit opens");
        var down = await bot.StatusAsync();
        Assert.Equal(120, down.Waiting);
        Assert.NotNull(down.OldestWaitingAge);
        Assert.NotNull(down.LastError);
        Assert.Null(down.LastSuccessAt);
        Assert.Equal(0, await core.CountIfExistsAsync("pk_family_records"));

        proxy.Down = false;
        await bot.WaitUntilNothingWaitsAsync();

        await AssertEachFamilyOnceAsync(bot, 120);
        var up = await bot.StatusAsync();
        Assert.NotNull(up.LastSuccessAt);
        Assert.Equal(0, up.ConsecutiveFailures);
        Assert.Null(up.OldestWaitingAge);
    }

    [PostgresFact]
    public async Task TheCoreCutInTheMiddleOfABatchLosesNothingAndDuplicatesNothing()
    {
        await using (var sink = new PostgresCoreSink(NpgsqlDataSource.Create(database.ConnectionString), NullLogger<PostgresCoreSink>.Instance))
            await sink.EnsureSchemaAsync(default);
        // A batch of 100 family records is ~300 KB on the wire: cut it a third of the way in.
        proxy.CutAfterClientBytes(100_000);
        await using var bot = await StartBotAsync(batchSize: 100);
        await FamilyRecords.QueueAsync(bot.App.Services, Families(300));

        await bot.WaitUntilNothingWaitsAsync();

        Assert.Equal(1, proxy.Cuts);
        await AssertEachFamilyOnceAsync(bot, 300);
        Assert.NotNull((await bot.StatusAsync()).LastErrorAt);
    }

    [PostgresFact]
    public async Task AReplyLostAfterTheCoreCommittedStillLeavesOneRowPerFamily()
    {
        await using (var sink = new PostgresCoreSink(NpgsqlDataSource.Create(database.ConnectionString), NullLogger<PostgresCoreSink>.Instance))
            await sink.EnsureSchemaAsync(default);
        proxy.DropNextCommitReply();
        await using var bot = await StartBotAsync(batchSize: 100);
        await FamilyRecords.QueueAsync(bot.App.Services, Families(150));

        await bot.WaitUntilNothingWaitsAsync();

        Assert.Equal(1, proxy.CommitRepliesDropped);
        await AssertEachFamilyOnceAsync(bot, 150);
        Assert.NotNull((await bot.StatusAsync()).LastErrorAt);
    }

    [PostgresFact]
    public async Task ARecordTheCoreRefusesIsSetAsideWhileTheRestFlow()
    {
        await using var bot = await StartBotAsync();
        var refused = Guid.CreateVersion7();
        await FamilyRecords.QueueAsync(bot.App.Services,
            Families(30).Append(FamilyRecords.Payload(refused, street: "Jl. \0 Melati")).Concat(Families(30)));

        await bot.WaitUntilNothingWaitsAsync();

        Assert.Equal(60, await core.CountAsync("pk_family_records"));
        Assert.Equal(60, await bot.CountAsync(ForwardStatus.Delivered));
        var setAside = Assert.Single(await bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.ForwardStatus == ForwardStatus.Rejected).ToListAsync()));
        Assert.Equal(refused, setAside.RecordId);
        Assert.StartsWith("22", setAside.LastError);
        Assert.Equal(1, (await bot.StatusAsync()).Rejected);
    }

    public async Task DisposeAsync()
    {
        await proxy.DisposeAsync();
        await database.DisposeAsync();
    }
}
