using System.Diagnostics;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>The real PK.Bot executable, serving without a terminal, killed with SIGKILL in the middle of a delivery.</summary>
public sealed class BotKilledDuringDeliveryTests
{
    private const int Families = 2000;

    [PostgresFact]
    public async Task ABotKilledMidDeliveryAndRestartedLeavesExactlyOneRowPerFamily()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var proxy = new TcpProxy(database.Server.Port) { Down = true };
        using var folder = new TempFolder();
        var core = CoreQuery.Postgres(database.ConnectionString);
        var botDb = CoreQuery.Sqlite(folder.File("pk-bot.db"));
        var coreConnection = database.Via("127.0.0.1", proxy.Port);

        // Queue the families while the core is unreachable, then leave the bot database to the child process.
        await using (var seeding = await BotFixture.StartAsync(settings: ForwardingBot.Settings("Postgres", coreConnection), folder: folder))
            await FamilyRecords.QueueAsync(seeding.App.Services, Enumerable.Range(0, Families).Select(_ => FamilyRecords.Payload(Guid.CreateVersion7())));
        proxy.Down = false;

        string[] args =
        [
            $"--ConnectionStrings:Bot=Data Source={folder.File("pk-bot.db")}",
            "--Core:Kind=Postgres",
            $"--ConnectionStrings:Core={coreConnection}",
            "--Forwarding:BatchSize=20",
            "--Urls=http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning",
        ];
        using (var first = Serve(folder.Path, args))
        {
            await Eventually.HoldsAsync(async () => await core.CountIfExistsAsync("pk_family_records") > 0, "the first batches arrive", 60);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var atKill = await core.CountAsync("pk_family_records");
        Assert.InRange(atKill, 1, Families - 1);

        using (var second = Serve(folder.Path, args))
        {
            await Eventually.HoldsAsync(async () => await botDb.CountAsync("submitted_records", "ForwardStatus <> 'Delivered'") == 0, "the restarted bot delivers the rest", 60);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        Assert.Equal(Families, await core.CountAsync("pk_family_records"));
        Assert.Equal(Families, Convert.ToInt64(await core.ScalarAsync("SELECT count(DISTINCT record_id) FROM pk_family_records")));
        Assert.Equal(0, await core.CountAsync("pk_family_record_conflicts"));
        Assert.Equal(0, await core.CountAsync("pk_family_record_history"));
        Assert.Equal(Families, await botDb.CountAsync("submitted_records", "ForwardStatus = 'Delivered'"));
    }

    private static Process Serve(string folder, string[] args)
    {
        var process = BotProcess.Start(folder, args);
        // Keep the pipes drained, or the child blocks on a full log pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
