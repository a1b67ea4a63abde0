using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Persistence;
using PK.Bot.Security;
using PK.Bot.Turns;
using PK.Domain.Conversations;

namespace PK.Load;

/// <summary>
/// A kabupaten a month into the census: 2,000 kader on the roster and N submitted families (interview, forwarded record,
/// family facts), ~150 per kader, submitted over the last 60 days, so each kader has ~35 still open to correction. The
/// families are copies of one family of four walked through the real engine, each under its own id and its own address
/// and KK NIK hashes; their records are marked delivered (a census day's turns are measured, not a forwarding backlog).
/// The database is kept under the data folder and reused by later runs.
/// </summary>
public static class Preload
{
    public const int RosterKader = 2_000;
    private const string OtherDesa = "33.13.01.2002";

    public static async Task EnsureAsync(string dataDir, int families, IReadOnlyDictionary<string, string> settings)
    {
        await using var bot = await LoadBot.StartAsync(dataDir, settings);
        var have = await bot.CountAsync(db => db.Interviews.CountAsync(i => i.RegionCode == OtherDesa));
        if (have >= families)
        {
            Console.WriteLine($"  preloaded database reused: {have:N0} families in {dataDir}");
            return;
        }
        var watch = Stopwatch.StartNew();
        var kader = await bot.EnsureKaderAsync(RosterKader);
        var (snapshot, payload, recordId) = await TemplateAsync(bot, kader[^1]);
        var protector = bot.App.Services.GetRequiredService<DataProtector>();
        var database = bot.App.Services.GetRequiredService<BotDatabase>();
        var original = recordId.ToString();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(12);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        for (var done = have; done < families;)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var interview = Command(connection, transaction,
                "INSERT INTO interviews (RecordId, Version, KaderId, RegionCode, Status, FamilyKey, KkNikHash, SnapshotJson, StartedAt, UpdatedAt, SubmittedAt) " +
                "VALUES ($id, 1, $kader, $desa, 'Submitted', $address, $kk, $snapshot, $started, $at, $at)",
                "$id", "$kader", "$desa", "$address", "$kk", "$snapshot", "$started", "$at");
            var record = Command(connection, transaction,
                "INSERT INTO submitted_records (RecordId, Version, PayloadJson, SubmittedAt, ForwardStatus, Attempts) VALUES ($id, 1, $payload, $at, 'Delivered', 1)",
                "$id", "$payload", "$at");
            var fact = Command(connection, transaction,
                "INSERT INTO family_facts (RecordId, Version, KaderId, DesaCode, FirstSubmittedAt, SubmittedLocalDate, LastSubmittedAt, Berisiko, RiskMask, MemberCount) " +
                "VALUES ($id, 1, $kader, $desa, $at, $date, $at, 0, 0, 4)",
                "$id", "$kader", "$desa", "$at", "$date");
            var end = Math.Min(families, done + 20_000);
            for (; done < end; done++)
            {
                var id = Guid.CreateVersion7();
                var text = id.ToString().ToUpperInvariant();
                var submitted = now.AddMinutes(-random.Next(0, 60 * 24 * 60));
                var at = UtcText(submitted);
                var kaderId = kader[done % RosterKader].Id.ToString().ToUpperInvariant();
                Set(interview, text, kaderId, OtherDesa, Hash(random), Hash(random), protector.Protect(snapshot.Replace(original, id.ToString())), UtcText(submitted.AddMinutes(-9)), at);
                interview.ExecuteNonQuery();
                Set(record, text, protector.Protect(payload.Replace(original, id.ToString())), at);
                record.ExecuteNonQuery();
                Set(fact, text, kaderId, OtherDesa, at, DateOnly.FromDateTime(submitted.ToOffset(TimeSpan.FromHours(7)).DateTime).ToString("yyyy-MM-dd"));
                fact.ExecuteNonQuery();
            }
            await transaction.CommitAsync();
            Console.WriteLine($"  preloading: {done:N0} of {families:N0} families, {watch.Elapsed.TotalSeconds:0} s");
        }
        Console.WriteLine($"  preloaded {families - have:N0} families over {RosterKader:N0} kader in {watch.Elapsed.TotalSeconds:0} s; database {new FileInfo(database.FilePath).Length / 1e9:0.0} GB");
    }

    /// <summary>One family of four walked through the real engine by the last roster kader: its stored snapshot and its record.</summary>
    private static async Task<(string Snapshot, string Payload, Guid RecordId)> TemplateAsync(LoadBot bot, (Guid Id, string ChatId) kader)
    {
        var dispatcher = bot.App.Services.GetRequiredService<ChatDispatcher>();
        var chat = new ChatKey(InProcessLoad.Channel, kader.ChatId);
        var inputs = FamilyScript.Inputs(FamilyScript.Unique - 1);
        for (var i = 0; i < inputs.Count; i++)
            await dispatcher.DispatchAsync(new IncomingMessage(chat, $"template-{i}", new Inbound(InboundKind.Text, inputs[i], DateTimeOffset.UtcNow)));
        return await bot.CountAsync(async db =>
        {
            var interview = await db.Interviews.AsNoTracking().Where(i => i.KaderId == kader.Id && i.Status == PK.Domain.Interviews.InterviewStatus.Submitted).SingleAsync();
            var record = await db.SubmittedRecords.AsNoTracking().SingleAsync(r => r.RecordId == interview.RecordId);
            return (interview.SnapshotJson, record.PayloadJson, interview.RecordId);
        });
    }

    private static string Hash(Random random) => Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 32));

    private static string UtcText(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, ""));
        return command;
    }

    private static void Set(SqliteCommand command, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }
}
