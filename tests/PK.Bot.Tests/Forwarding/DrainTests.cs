using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Forwarding;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>
/// <see cref="Forwarder.ForwardAllAsync"/> reads the next batch while the core stores one and saves a batch while the next
/// is delivered: against the real SQLite core, everything arrives once, a batch the core fails is not marked, and the
/// status counters stay equal to a full count.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task EveryWaitingRecordIsDeliveredOnceInOverlappingBatchesAndTheCountersStayExact()
    {
        using var folder = new TempFolder();
        await using var app = await BuildAsync(folder, failOnCall: null);
        var ids = await QueueAsync(app, 8);

        var round = await app.Services.GetRequiredService<Forwarder>().ForwardAllAsync(3, default);

        Assert.Equal((8, 8, 0, (string?)null), (round.Sent, round.Accepted, round.SetAside, round.Failure));
        var core = CoreQuery.Sqlite(folder.File("pk-core.db"));
        Assert.Equal(8, await core.CountAsync("pk_family_records"));
        foreach (var id in ids)
            Assert.Equal(1, await core.CountAsync("pk_family_records", $"record_id = '{id:D}'"));
        var rows = await QueryAsync(app, db => db.SubmittedRecords.ToListAsync());
        Assert.All(rows, r => Assert.Equal((ForwardStatus.Delivered, 1), (r.ForwardStatus, r.Attempts)));
        await AssertCountersMatchAsync(app);
        Assert.Equal(0, (await app.Services.GetRequiredService<Forwarder>().ForwardAllAsync(3, default)).Sent);
    }

    [Fact]
    public async Task ABatchTheCoreFailsStaysWaitingAndTheBatchesAfterItAreNotSent()
    {
        using var folder = new TempFolder();
        await using var app = await BuildAsync(folder, failOnCall: 2);
        var ids = await QueueAsync(app, 8);

        var round = await app.Services.GetRequiredService<Forwarder>().ForwardAllAsync(3, default);

        // Batch 1 delivered; batch 2 failed (tried once, still waiting); batch 3 was read ahead but never sent.
        Assert.Equal((6, 3, 0), (round.Sent, round.Accepted, round.SetAside));
        Assert.Contains("core down", round.Failure);
        var core = CoreQuery.Sqlite(folder.File("pk-core.db"));
        Assert.Equal(3, await core.CountAsync("pk_family_records"));
        var rows = await QueryAsync(app, db => db.SubmittedRecords.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(ids, rows.Select(r => r.RecordId));
        Assert.Equal(
            [.. Enumerable.Repeat((ForwardStatus.Delivered, 1), 3), .. Enumerable.Repeat((ForwardStatus.Pending, 1), 3), .. Enumerable.Repeat((ForwardStatus.Pending, 0), 2)],
            rows.Select(r => (r.ForwardStatus, r.Attempts)));
        await AssertCountersMatchAsync(app);

        // The next drain starts again from the oldest waiting record.
        var again = await app.Services.GetRequiredService<Forwarder>().ForwardAllAsync(3, default);
        Assert.Equal((5, 5, (string?)null), (again.Sent, again.Accepted, again.Failure));
        Assert.Equal(8, await core.CountAsync("pk_family_records"));
        await AssertCountersMatchAsync(app);
    }

    private static async Task<WebApplication> BuildAsync(TempFolder folder, int? failOnCall)
    {
        var builder = BotHost.CreateBuilder(
        [
            $"--ConnectionStrings:Bot=Data Source={folder.File("pk-bot.db")}",
            $"--ConnectionStrings:Core=Data Source={folder.File("pk-core.db")}",
            "--Core:Kind=Sqlite",
            $"--Security:DataKey={BotFixture.DataKey}",
            "--Serilog:MinimumLevel:Default=Warning",
        ]);
        if (failOnCall is { } call)
        {
            var inner = builder.Services.Last(d => d.ServiceType == typeof(ICoreSink));
            builder.Services.AddSingleton<ICoreSink>(sp => new FailingSink((ICoreSink)inner.ImplementationFactory!(sp), call));
        }
        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
        return app;
    }

    private static async Task<List<Guid>> QueueAsync(WebApplication app, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await FamilyRecords.QueueAsync(app.Services, ids.Select(id => FamilyRecords.Payload(id)));
        return ids;
    }

    private static async Task<T> QueryAsync<T>(WebApplication app, Func<BotDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    private static async Task AssertCountersMatchAsync(WebApplication app)
    {
        var counted = await QueryAsync(app, db => db.SubmittedRecords.GroupBy(r => r.ForwardStatus).ToDictionaryAsync(g => g.Key, g => g.Count()));
        var kept = await QueryAsync(app, db => db.ForwardCounts.Where(c => c.Records != 0).ToDictionaryAsync(c => c.Status, c => c.Records));
        Assert.Equal(counted.OrderBy(c => c.Key), kept.OrderBy(c => c.Key));
    }

    /// <summary>The real sink, except that its n-th call fails as a core that is down.</summary>
    private sealed class FailingSink(ICoreSink inner, int failingCall) : ICoreSink
    {
        private int calls;

        public Task<IReadOnlyList<RecordOutcome>> DeliverAsync(IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == failingCall
                ? throw new CoreUnavailableException("core down")
                : inner.DeliverAsync(batch, cancellationToken);
    }
}
