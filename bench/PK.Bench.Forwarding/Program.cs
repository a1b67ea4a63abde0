using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PK.Bot.Forwarding;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

// Drains a backlog of family records from the bot's SQLite queue into PostgreSQL through the real forwarder.
//   scripts/with-postgres.sh --durable dotnet run -c Release --project bench/PK.Bench.Forwarding -- [RECORDS] [BATCH] [serial]
// As the running bot does, it drains with Forwarder.ForwardAllAsync (reading, delivering and saving batches overlapped);
// "serial" drains one ForwardBatchAsync round at a time instead (read, deliver, save, then the next), for reference.
var records = args.Length > 0 ? int.Parse(args[0]) : 302_000;
var batch = args.Length > 1 ? int.Parse(args[1]) : 500;
var serial = args.ElementAtOrDefault(2) == "serial";
var server = Environment.GetEnvironmentVariable("PK_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Run under scripts/with-postgres.sh --durable (PK_TEST_POSTGRES).");

var database = "pk_bench_" + Guid.NewGuid().ToString("N")[..8];
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
    Console.WriteLine($"PostgreSQL: fsync={await new NpgsqlCommand("SHOW fsync", admin).ExecuteScalarAsync()}, synchronous_commit={await new NpgsqlCommand("SHOW synchronous_commit", admin).ExecuteScalarAsync()}");
}
var core = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var folder = Path.Combine(Path.GetTempPath(), "pk-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    var builder = BotHost.CreateBuilder(
    [
        $"--ConnectionStrings:Bot=Data Source={Path.Combine(folder, "pk-bot.db")}",
        "--Core:Kind=Postgres",
        $"--ConnectionStrings:Core={core}",
        $"--Forwarding:BatchSize={batch}",
        $"--Security:DataKey={Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())}",
        "--Serilog:MinimumLevel:Default=Warning",
    ]);
    // Time spent inside the core sink, to tell the core's share of a round from the bot's own.
    var inner = builder.Services.Last(d => d.ServiceType == typeof(ICoreSink));
    builder.Services.AddSingleton<TimedSink>(sp => new TimedSink((ICoreSink)inner.ImplementationFactory!(sp)));
    builder.Services.AddSingleton<ICoreSink>(sp => sp.GetRequiredService<TimedSink>());
    await using var app = builder.Build();
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);

    Console.WriteLine($"One record (family of four): {System.Text.Encoding.UTF8.GetByteCount(FamilyRecords.Template):N0} bytes of JSON");
    var queueing = Stopwatch.StartNew();
    for (var done = 0; done < records; done += 10_000)
        await FamilyRecords.QueueAsync(app.Services, Enumerable.Range(0, Math.Min(10_000, records - done)).Select(_ => FamilyRecords.Payload(Guid.CreateVersion7())));
    Console.WriteLine($"Queued {records:N0} records in {queueing.Elapsed.TotalSeconds:0.0} s (setup, not measured)");

    if (Environment.GetEnvironmentVariable("PK_BENCH_SINK_ONLY") == "1")
    {
        var sink = app.Services.GetRequiredService<ICoreSink>();
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < records; done += batch)
            await sink.DeliverAsync([.. Enumerable.Range(0, batch).Select(_ => FamilyRecords.Record(Guid.CreateVersion7()))], default);
        Console.WriteLine($"Sink only (records built in the loop): {records:N0} in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
    var forwarder = app.Services.GetRequiredService<Forwarder>();
    var drain = Stopwatch.StartNew();
    var sent = 0;
    while (true)
    {
        var round = serial ? await forwarder.ForwardBatchAsync(batch, default) : await forwarder.ForwardAllAsync(batch, default);
        if (round.Sent == 0) break;
        if (round.Failure is not null) throw new InvalidOperationException(round.Failure);
        sent += round.Accepted;
    }
    drain.Stop();

    await using var check = new NpgsqlConnection(core);
    await check.OpenAsync();
    var rows = (long)(await new NpgsqlCommand("SELECT count(*) FROM pk_family_records", check).ExecuteScalarAsync())!;
    Console.WriteLine($"  of which inside the core sink: {app.Services.GetRequiredService<TimedSink>().Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine($"Drained {sent:N0} records in batches of {batch}{(serial ? ", one round at a time," : ", overlapped,")} in {drain.Elapsed.TotalSeconds:0.0} s ({sent / drain.Elapsed.TotalSeconds:N0} records/s); core rows: {rows:N0}");
    return rows == records ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    NpgsqlConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

internal sealed class TimedSink(ICoreSink inner) : ICoreSink
{
    private readonly Stopwatch watch = new();

    public TimeSpan Elapsed => watch.Elapsed;

    public async Task<IReadOnlyList<RecordOutcome>> DeliverAsync(IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken)
    {
        watch.Start();
        try { return await inner.DeliverAsync(batch, cancellationToken); }
        finally { watch.Stop(); }
    }
}
