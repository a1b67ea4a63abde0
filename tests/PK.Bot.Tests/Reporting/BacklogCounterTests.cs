using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Reporting;

/// <summary>
/// The backlog a report shows comes from per-desa-and-kader counters that triggers keep; these tests hold them to a full
/// count of the waiting records after every kind of change a record or its family's fact goes through.
/// </summary>
public sealed class BacklogCounterTests
{
    private static readonly string[] Desa = ["33.13.01.2001", "33.13.01.2002", "33.13.02.2001", "33.13.03.2005"];

    [Fact]
    public async Task CountersMatchAFullCountThroughSubmissionsCorrectionsDeliveriesRejectionsRetriesAndDeletions()
    {
        var clock = new FakeTimeProvider(FamilySet.Wib(4, 14, 17));
        await using var bot = await ReportingBot.StartAsync(clock);
        var kader = new List<Person>();
        for (var k = 0; k < 5; k++)
            kader.Add(await bot.AddPersonAsync($"Kader {k}", $"62813000000{k:D2}", region: Desa[k % Desa.Length]));

        var rng = new Random(20261202);
        var families = new List<(Guid Id, Guid Kader, int Version)>();
        var kinds = new Dictionary<string, int>();
        var busiest = 0;
        for (var step = 0; step < 160; step++)
        {
            var roll = families.Count < 5 ? 0 : rng.Next(100);
            string kind;
            if (roll < 35)
            {
                // A new family, submitted at a time that need not follow the previous one's.
                kind = "submit";
                var who = kader[rng.Next(kader.Count)];
                var id = Guid.NewGuid();
                await FamilySet.AddAsync(bot, who.Id, FamilySet.Record(Desa[rng.Next(Desa.Length)], who.Id, FamilySet.Wib(4, 1 + rng.Next(13), 7 + rng.Next(10)), berisiko: rng.Next(3) == 0, id: id));
                families.Add((id, who.Id, 1));
            }
            else if (roll < 50)
            {
                // A correction: a new version, sometimes in another desa (the fact moves, with every waiting version of the family),
                // sometimes berisiko where it was not, or the other way.
                kind = "correct";
                var index = rng.Next(families.Count);
                var (id, who, version) = families[index];
                await FamilySet.AddAsync(bot, who, FamilySet.Record(Desa[rng.Next(Desa.Length)], who, FamilySet.Wib(4, 1 + rng.Next(14), 7 + rng.Next(10)), berisiko: rng.Next(3) == 0, id: id, version: version + 1));
                families[index] = (id, who, version + 1);
            }
            else if (roll < 85)
            {
                // The forwarder's outcomes: delivered, rejected or in conflict, one record or a batch.
                var outcome = rng.Next(4) switch { 0 => ForwardStatus.Rejected, 1 => ForwardStatus.Conflict, _ => ForwardStatus.Delivered };
                kind = outcome.ToString();
                var take = 1 + rng.Next(4);
                await bot.QueryAsync(async db =>
                {
                    var ids = await db.SubmittedRecords.Where(r => r.ForwardStatus == ForwardStatus.Pending).OrderBy(r => r.Id)
                        .Skip(rng.Next(3)).Take(take).Select(r => r.Id).ToListAsync();
                    return await db.SubmittedRecords.Where(r => ids.Contains(r.Id))
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.ForwardStatus, outcome).SetProperty(r => r.Attempts, r => r.Attempts + 1));
                });
            }
            else if (roll < 92)
            {
                // A failed attempt leaves a record waiting: no counter moves.
                kind = "attempt";
                await bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.ForwardStatus == ForwardStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.ForwardStatus, ForwardStatus.Pending)));
            }
            else if (roll < 98)
            {
                // forward retry: every rejected record, or every set-aside version of one family.
                kind = "retry";
                var one = rng.Next(2) == 0 ? families[rng.Next(families.Count)].Id : (Guid?)null;
                await bot.QueryAsync(db => ForwardRetry.RetryAsync(db, one, CancellationToken.None));
            }
            else
            {
                // A record or a fact removed outright.
                kind = "delete";
                var (id, _, _) = families[rng.Next(families.Count)];
                if (rng.Next(2) == 0)
                    await bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.RecordId == id).OrderBy(r => r.Id).Take(1).ExecuteDeleteAsync());
                else
                    await bot.QueryAsync(db => db.FamilyFacts.Where(f => f.RecordId == id).ExecuteDeleteAsync());
            }
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            busiest = Math.Max(busiest, await AssertBacklogsMatchAsync(bot, kader, $"step {step} ({kind})"));
            if (step % 4 == 0 || kind is "correct" or "delete") await AssertFamiliesMatchAsync(bot, kader, $"step {step} ({kind})");
        }

        // Every kind of change happened, over a backlog that was not trivially small.
        Assert.All(new[] { "submit", "correct", "Delivered", "Rejected", "Conflict", "attempt", "retry", "delete" }, k => Assert.True(kinds.ContainsKey(k), k));
        Assert.True(busiest >= 10, $"the backlog reached only {busiest}");
    }

    [Fact]
    public async Task TheRealForwarderDeliversAndRejectsAndARetryBringsTheRejectedBack()
    {
        await using var core = await FakeCore.StartAsync();
        var settings = ForwardingBot.Settings("Http", batchSize: 3);
        settings["Core:Url"] = core.Url;
        settings["Core:ApiKey"] = FakeCore.ApiKey;
        await using var bot = await BotFixture.StartAsync(settings: settings);
        var kader = new List<Person>
        {
            await bot.AddPersonAsync("Kader A", "6281300000101", region: Desa[0]),
            await bot.AddPersonAsync("Kader B", "6281300000102", region: Desa[2]),
        };
        var invalid = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var who = kader[i % 2];
            var id = Guid.NewGuid();
            if (i % 3 == 0)
            {
                core.Invalid[$"{id:D}:1"] = true;
                invalid.Add(id);
            }
            await FamilySet.AddAsync(bot, who.Id, FamilySet.Record(who.RegionCode, who.Id, FamilySet.Wib(4, 1 + i, 9), id: id));
        }

        await bot.WaitUntilNothingWaitsAsync();
        Assert.Equal(invalid.Count, await bot.CountAsync(ForwardStatus.Rejected));
        await AssertBacklogsMatchAsync(bot, kader, "after delivery");
        Assert.Equal(0, (await BacklogAsync(bot, ReportScope.Operator(RegionCode.Parse("33.13")), RegionCode.Parse("33.13"))).Waiting);

        // Fixed in the core, then retried: they wait again (counted), and are delivered (no longer counted).
        foreach (var id in invalid) core.Invalid.TryRemove($"{id:D}:1", out _);
        var retried = await bot.QueryAsync(async db =>
        {
            var count = await ForwardRetry.RetryAsync(db, null, CancellationToken.None);
            // Counted in the same statement that put them back: before the forwarder can take them again.
            var backlog = await Queries(bot, db).BacklogAsync(ReportScope.Operator(RegionCode.Parse("33.13")), RegionCode.Parse("33.13"), CancellationToken.None);
            return (count, backlog.Waiting);
        });
        Assert.Equal(invalid.Count, retried.count);
        Assert.InRange(retried.Waiting, 0, invalid.Count);
        await bot.WaitUntilNothingWaitsAsync();
        await AssertBacklogsMatchAsync(bot, kader, "after the retry");
        Assert.Equal(8, await bot.CountAsync(ForwardStatus.Delivered));
    }

    /// <summary>Compares every area and kader scope; returns the kabupaten's backlog.</summary>
    private static async Task<int> AssertBacklogsMatchAsync(BotFixture bot, IReadOnlyList<Person> kader, string when)
    {
        var areas = new[] { "33.13", "33.13.01", "33.13.02", "33.13.03", "33.13.04" }.Concat(Desa).Select(RegionCode.Parse);
        foreach (var area in areas)
        {
            var scope = ReportScope.Operator(area);
            Assert.True(await FullCountAsync(bot, area, null) == await BacklogAsync(bot, scope, area), $"{when}: {area}");
        }
        foreach (var person in kader)
        {
            var area = RegionCode.Parse(person.RegionCode);
            var scope = new ReportScope(Role.Kader, person.Id.ToString(), area);
            Assert.True(await FullCountAsync(bot, area, person.Id) == await BacklogAsync(bot, scope, area), $"{when}: kader in {area}");
        }
        // forward status: the records per status, from forward_counts, against a count of every record.
        var byStatus = await bot.QueryAsync(db => db.SubmittedRecords.GroupBy(r => r.ForwardStatus).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var status = await bot.StatusAsync();
        Assert.True((byStatus.GetValueOrDefault(ForwardStatus.Pending), byStatus.GetValueOrDefault(ForwardStatus.Delivered), byStatus.GetValueOrDefault(ForwardStatus.Rejected), byStatus.GetValueOrDefault(ForwardStatus.Conflict))
            == (status.Waiting, status.Delivered, status.Rejected, status.Conflicts), $"{when}: forward status");
        return (await FullCountAsync(bot, RegionCode.Parse("33.13"), null)).Waiting;
    }

    /// <summary>The report's families per desa and per kader (from area_families) against the facts counted one by one, for two days.</summary>
    private static async Task AssertFamiliesMatchAsync(BotFixture bot, IReadOnlyList<Person> kader, string when)
    {
        var scopes = new[] { "33.13", "33.13.01", "33.13.02" }.Concat(Desa).Select(RegionCode.Parse).Select(a => (Scope: ReportScope.Operator(a), Area: a))
            .Concat(kader.Select(k => (Scope: new ReportScope(Role.Kader, k.Id.ToString(), RegionCode.Parse(k.RegionCode)), Area: RegionCode.Parse(k.RegionCode))));
        foreach (var date in new[] { new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 14) })
            foreach (var (scope, area) in scopes)
            {
                await using var scoped = bot.App.Services.CreateAsyncScope();
                var db = scoped.ServiceProvider.GetRequiredService<BotDbContext>();
                var queries = Queries(bot, db);
                var facts = ProgressQueries.FactsIn(db, scope, area).Where(f => f.SubmittedLocalDate <= date);

                var expectedDesa = (await facts.ToListAsync()).GroupBy(f => f.DesaCode)
                    .Select(g => $"{g.Key}:{g.Count()}/{g.Count(f => f.SubmittedLocalDate == date)}/{g.Count(f => f.Berisiko)}").Order(StringComparer.Ordinal);
                var actualDesa = (await queries.DesaCountsAsync(scope, area, date, CancellationToken.None))
                    .Select(d => $"{d.Desa.Dotted}:{d.Families}/{d.Today}/{d.Berisiko}").Order(StringComparer.Ordinal);
                Assert.True(expectedDesa.SequenceEqual(actualDesa), $"{when}, {date}, {scope.Role} {area}: desa {string.Join(" ", expectedDesa)} vs {string.Join(" ", actualDesa)}");

                var expectedKader = (await facts.ToListAsync()).GroupBy(f => f.KaderId)
                    .ToDictionary(g => g.Key.ToString(), g => (g.Count(), g.Count(f => f.SubmittedLocalDate == date), (DateTimeOffset?)g.Max(f => f.FirstSubmittedAt)));
                foreach (var status in await queries.KaderAsync(scope, area, date, CancellationToken.None))
                {
                    var expected = expectedKader.GetValueOrDefault(status.PersonId);
                    Assert.True(expected == (status.Families, status.Today, status.LastFamilyAt), $"{when}, {date}, {scope.Role} {area}: kader {expected} vs {(status.Families, status.Today, status.LastFamilyAt)}");
                }
            }
    }

    private static async Task<ForwardBacklog> BacklogAsync(BotFixture bot, ReportScope scope, RegionCode area)
    {
        await using var scoped = bot.App.Services.CreateAsyncScope();
        return await Queries(bot, scoped.ServiceProvider.GetRequiredService<BotDbContext>()).BacklogAsync(scope, area, CancellationToken.None);
    }

    private static ProgressQueries Queries(BotFixture bot, BotDbContext db) =>
        new(db, bot.Regions, bot.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportingOptions>>());

    /// <summary>Every waiting version whose family's fact lies in the area (and is the kader's), counted from the records themselves.</summary>
    private static Task<ForwardBacklog> FullCountAsync(BotFixture bot, RegionCode area, Guid? kader) => bot.QueryAsync(async db =>
    {
        var prefix = area.Level == RegionLevel.Desa ? area.Dotted : area.Dotted + ".";
        var waiting = await (from s in db.SubmittedRecords
                             join f in db.FamilyFacts on s.RecordId equals f.RecordId
                             where s.ForwardStatus == ForwardStatus.Pending && f.DesaCode.StartsWith(prefix) && (kader == null || f.KaderId == kader)
                             select s.SubmittedAt).ToListAsync();
        return waiting.Count == 0 ? new ForwardBacklog(0, null) : new ForwardBacklog(waiting.Count, waiting.Min());
    });
}
