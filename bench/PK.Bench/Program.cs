using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Security;
using PK.Domain.Forms;
using PK.Domain.Indicators;
using PK.Domain.People;
using PK.Domain.Records;
using PK.Domain.Regions;
using PK.Domain.Reporting;

// Reporting at kabupaten scale: Karanganyar's 302,000 families over its 177 real desa.
//   dotnet run -c Release --project bench/PK.Bench -- seed DIR [FAMILIES]   one-off: people, facts and encrypted records
//   dotnet run -c Release --project bench/PK.Bench -- report DIR            the daily report (queries + text), and the chart
//   dotnet run -c Release --project bench/PK.Bench -- export DIR csv|xlsx   the export, streaming, with peak memory
//   dotnet run -c Release --project bench/PK.Bench -- dashboard DIR         every dashboard page over loopback HTTP, server time
var mode = args.ElementAtOrDefault(0) ?? "report";
var dir = Path.GetFullPath(args.ElementAtOrDefault(1) ?? "bench-data");
Directory.CreateDirectory(dir);
var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
if (mode == "dashboard")
{
    await DashboardBench.RunAsync(dir, key, [.. args.Skip(2)]);
    return;
}
var builder = BotHost.CreateBuilder([$"--ConnectionStrings:Bot=Data Source={Path.Combine(dir, "pk-bot.db")}", $"--Security:DataKey={key}", "--Serilog:MinimumLevel:Default=Warning", .. args.Skip(3)]);
await using var app = builder.Build();
await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
var regions = app.Services.GetRequiredService<RegionDirectory>();
var karanganyar = RegionCode.Parse("33.13");
var date = new DateOnly(2026, 4, 14);
var now = new DateTimeOffset(2026, 4, 14, 17, 0, 0, TimeSpan.FromHours(7));

switch (mode)
{
    case "seed":
        await Seed.RunAsync(app.Services, regions, karanganyar, int.Parse(args.ElementAtOrDefault(2) ?? "302000"), date);
        break;
    case "report":
    {
        var timings = new List<double>();
        ProgressReport? report = null;
        string text = "";
        for (var run = 0; run < 6; run++)
        {
            var watch = Stopwatch.StartNew();
            await using var scope = app.Services.CreateAsyncScope();
            report = await scope.ServiceProvider.GetRequiredService<DailyReports>().ReportAsync(ReportScope.Operator(karanganyar), karanganyar, date, now, CancellationToken.None);
            text = ReportText.Daily(report, regions);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        var chartWatch = Stopwatch.StartNew();
        var png = ProgressChart.Render(report!, regions);
        var chartMs = chartWatch.Elapsed.TotalMilliseconds;
        Console.WriteLine(text);
        Console.WriteLine();
        Console.WriteLine($"families {report!.Total.Families:N0} over {regions.DesaIn(karanganyar).Count} desa; kader {report.Kader.Count:N0}");
        Console.WriteLine($"report (queries + text): first {timings[0]:0} ms, warm median {timings.Skip(1).Order().ElementAt(2):0} ms (runs: {string.Join(", ", timings.Select(t => t.ToString("0")))})");
        Console.WriteLine($"chart: {chartMs:0} ms, {png.Length:N0} bytes PNG");
        break;
    }
    case "read":
    {
        // Where an export's time goes: reading and decrypting alone, then parsing the JSON too.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var watch = Stopwatch.StartNew();
        long bytes = 0, rows = 0;
        var parse = args.ElementAtOrDefault(2) == "parse";
        await foreach (var payload in (from f in db.FamilyFacts join r in db.SubmittedRecords on new { f.RecordId, f.Version } equals new { r.RecordId, r.Version }
                                       orderby f.DesaCode, f.SubmittedLocalDate select r.PayloadJson).AsAsyncEnumerable())
        {
            bytes += payload.Length;
            rows++;
            if (parse) using (JsonDocument.Parse(payload)) { }
        }
        Console.WriteLine($"read{(parse ? "+parse" : "")}: {rows:N0} records, {bytes / 1e6:0} MB of JSON in {watch.Elapsed.TotalSeconds:0.0} s");
        break;
    }
    case "export":
    {
        var format = args.ElementAtOrDefault(2) ?? "csv";
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var export = new FamilyExport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), regions);
        var output = Path.Combine(dir, "export");
        var summary = format == "csv"
            ? await export.WriteCsvAsync(ReportScope.Operator(karanganyar), karanganyar, output, false, CancellationToken.None)
            : await export.WriteXlsxAsync(ReportScope.Operator(karanganyar), karanganyar, output + ".xlsx", false, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:"));
        Console.WriteLine($"export {format}: {summary.Families:N0} families, {summary.Members:N0} members in {seconds:0.0} s; peak RSS {peak[6..].Trim()}; " +
                          $"allocated {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB; files {string.Join(", ", summary.Files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1e6:0} MB"))}");
        break;
    }
}

internal static class Seed
{
    public static async Task RunAsync(IServiceProvider services, RegionDirectory regions, RegionCode area, int families, DateOnly date)
    {
        var watch = Stopwatch.StartNew();
        var desa = regions.DesaIn(area);
        var rng = new Random(42);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            if (await db.People.AnyAsync()) { Console.WriteLine("already seeded"); return; }
            var created = DateTimeOffset.UtcNow;
            db.People.Add(new Person { Id = Guid.NewGuid(), Name = "Koordinator Karanganyar", PhoneDigits = "6281200009999", Role = Role.Koordinator, RegionCode = area.Dotted, TargetFamilies = 302_000, CreatedAt = created, UpdatedAt = created });
            for (var k = 0; k < 2_000; k++)
                db.People.Add(new Person { Id = Guid.NewGuid(), Name = $"Kader {k}", PhoneDigits = $"62812{k:D8}", Role = Role.Kader, RegionCode = desa[k % desa.Count].Dotted, TargetFamilies = 151, CreatedAt = created, UpdatedAt = created });
            await db.SaveChangesAsync();
        }
        List<(Guid Id, string Region)> kader;
        await using (var scope = services.CreateAsyncScope())
            kader = [.. (await scope.ServiceProvider.GetRequiredService<BotDbContext>().People.Where(p => p.Role == Role.Kader).Select(p => new { p.Id, p.RegionCode }).ToListAsync()).Select(p => (p.Id, p.RegionCode))];

        var protector = services.GetRequiredService<DataProtector>();
        var database = services.GetRequiredService<BotDatabase>();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var record = connection.CreateCommand();
        record.CommandText = "INSERT INTO submitted_records (RecordId, Version, PayloadJson, SubmittedAt, ForwardStatus, Attempts) VALUES ($id, 1, $payload, $at, $status, 0)";
        var fact = connection.CreateCommand();
        fact.CommandText = "INSERT INTO family_facts (RecordId, Version, KaderId, DesaCode, FirstSubmittedAt, SubmittedLocalDate, LastSubmittedAt, Berisiko, RiskMask, MemberCount) VALUES ($id, 1, $kader, $desa, $at, $date, $at, $risk, $mask, 4)";
        foreach (var p in new[] { "$id", "$payload", "$at", "$status" }) record.Parameters.Add(new SqliteParameter(p, ""));
        foreach (var p in new[] { "$id", "$kader", "$desa", "$at", "$date", "$risk", "$mask" }) fact.Parameters.Add(new SqliteParameter(p, ""));
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var i = 0; i < families; i++)
        {
            var (kaderId, kaderDesa) = kader[i % kader.Count];
            var day = date.AddDays(-rng.Next(0, 60));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(8 + rng.Next(0, 9), rng.Next(0, 60))), TimeSpan.FromHours(7));
            var id = Guid.NewGuid();
            var risky = rng.Next(0, 100) < 15;
            var payload = JsonSerializer.Serialize(Family(id, kaderDesa, kaderId, at, risky), json);
            var atText = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
            record.Parameters["$id"].Value = id.ToString().ToUpperInvariant();
            record.Parameters["$payload"].Value = protector.Protect(payload);
            record.Parameters["$at"].Value = atText;
            record.Parameters["$status"].Value = i % 4 == 0 ? "Delivered" : "Pending";
            record.ExecuteNonQuery();
            fact.Parameters["$id"].Value = id.ToString().ToUpperInvariant();
            fact.Parameters["$kader"].Value = kaderId.ToString().ToUpperInvariant();
            fact.Parameters["$desa"].Value = kaderDesa;
            fact.Parameters["$at"].Value = atText;
            fact.Parameters["$date"].Value = day.ToString("yyyy-MM-dd");
            fact.Parameters["$risk"].Value = risky ? 1 : 0;
            fact.Parameters["$mask"].Value = risky ? PK.Bot.Dashboard.RiskReasons.MaskOf([new RiskReason("terlalu_tua", "")]) : 0;
            fact.ExecuteNonQuery();
            if (i % 50_000 == 0) Console.WriteLine($"{i:N0} families, {watch.Elapsed.TotalSeconds:0} s");
        }
        await transaction.CommitAsync();
        Console.WriteLine($"seeded {families:N0} families over {desa.Count} desa and {kader.Count:N0} kader in {watch.Elapsed.TotalSeconds:0} s; database {new FileInfo(database.FilePath).Length / 1e6:0} MB");
    }

    // Every question of the form answered, members ×4: a payload of realistic size and shape.
    private static FamilyRecord Family(Guid id, string desa, Guid kaderId, DateTimeOffset at, bool risky)
    {
        var form = FormLoader.Pk21;
        object Value(FormItem item, int member) => item.Type switch
        {
            QuestionType.SelectOne => item.Choices![member % item.Choices.Count].Code,
            QuestionType.SelectMultiple => new[] { item.Choices![0].Code, item.Choices[^1].Code },
            QuestionType.Integer or QuestionType.Calculate => (long)(member + 1),
            QuestionType.Decimal => 1.5m,
            QuestionType.Nik => $"331301{1708750001 + member}",
            QuestionType.Name => $"Nama Anggota {member}",
            QuestionType.Phone => "6281311112222",
            QuestionType.Date or QuestionType.BirthDate => "1980-01-17",
            QuestionType.MonthYear => "2018-03",
            _ => "Jl. Melati 5",
        };
        var family = form.Items.Where(i => !i.InRepeat && i.Type != QuestionType.Note).ToDictionary(i => i.Id, i => Value(i, 0));
        var members = Enumerable.Range(1, 4).Select(m => (IReadOnlyDictionary<string, object>)form.Items.Where(i => i.InRepeat && i.Type != QuestionType.Note)
            .ToDictionary(i => i.Id, i => Value(i, m)).Append(new KeyValuePair<string, object>("nomor", m)).ToDictionary()).ToList();
        var d = RegionCode.Parse(desa);
        return new FamilyRecord(id, 1, form.Id, form.Version, new RecordRegion(d.ProvinceCode, d.Dotted[..5], d.Dotted[..8], d.Dotted), kaderId.ToString(),
            at.AddMinutes(-20), at, DateOnly.FromDateTime(at.DateTime), false, family, members,
            new FamilyIndicators(true, false, true, true, false, false, true, risky, risky ? [new RiskReason("terlalu_tua", "Istri 38 tahun.")] : [], DateOnly.FromDateTime(at.DateTime)),
            new AuditSummary(20, 0, 120));
    }
}
