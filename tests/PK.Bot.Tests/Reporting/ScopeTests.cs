using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Reporting;

/// <summary>Who sees what: a kader only their own families, a koordinator only their area, an admin their kode_wilayah, the command line everything.</summary>
public sealed class ScopeTests(ScopeTests.People world) : IClassFixture<ScopeTests.People>
{
    private BotFixture bot => world.Bot;
    private FakeTimeProvider clock => world.Clock;
    private Dictionary<string, Person> people => world.ByName;

    /// <summary>One bot and one family set for the whole table.</summary>
    public sealed class People : IAsyncLifetime
    {
        public FakeTimeProvider Clock { get; } = new(FamilySet.Wib(4, 14, 17));
        public BotFixture Bot { get; private set; } = null!;
        public Dictionary<string, Person> ByName { get; } = [];
        private Dictionary<string, Person> people => ByName;

        // Families: Sri 3 in Ngepungsari, Ani 2 in Ngepungsari, Wati 4 in Jatisawit (Jatiyoso), Dewi 5 in Sragen.
        public async Task InitializeAsync()
        {
            // The schedule stays quiet (23:59) so the chat replies below are the commands' own.
            var bot = Bot = await ReportingBot.StartAsync(Clock, new Dictionary<string, string> { ["Reports:DailyAt"] = "23:59" });
            foreach (var (name, role, region, families, desa) in new[]
            {
                ("Sri", Role.Kader, "33.13.01.2001", 3, "33.13.01.2001"),
                ("Ani", Role.Kader, "33.13.01.2001", 2, "33.13.01.2001"),
                ("Wati", Role.Kader, "33.13.02.2001", 4, "33.13.02.2001"),
                ("Dewi", Role.Kader, "33.14.01.2001", 5, "33.14.01.2001"),
                ("KoorJatipuro", Role.Koordinator, "33.13.01", 0, ""),
                ("KoorKaranganyar", Role.Koordinator, "33.13", 0, ""),
                ("Admin", Role.Admin, "33.13", 0, ""),
            })
            {
                var person = await bot.AddPersonAsync(name, $"62813000001{people.Count:D2}", role: role, region: region);
                people[name] = person;
                for (var i = 0; i < families; i++)
                    await FamilySet.AddAsync(bot, person.Id, FamilySet.Record(desa, person.Id, FamilySet.Wib(4, 14, 8 + i)));
            }
        }

        public async Task DisposeAsync() => await Bot.DisposeAsync();
    }

    [Theory]
    // asker, area asked, families seen (null = refused)
    [InlineData("Sri", "33.13.01.2001", 3)]
    [InlineData("Ani", "33.13.01.2001", 2)]
    [InlineData("Sri", "33.13.01", null)]
    [InlineData("Sri", "33.13.02.2001", null)]
    [InlineData("KoorJatipuro", "33.13.01", 5)]
    [InlineData("KoorJatipuro", "33.13.01.2001", 5)]
    [InlineData("KoorJatipuro", "33.13.02", null)]
    [InlineData("KoorJatipuro", "33.13", null)]
    [InlineData("KoorKaranganyar", "33.13", 9)]
    [InlineData("KoorKaranganyar", "33.13.02", 4)]
    [InlineData("KoorKaranganyar", "33.14", null)]
    // An admin's kode_wilayah bounds them like a koordinator's (a kabupaten office's admin sees its kabupaten).
    [InlineData("Admin", "33.14", null)]
    [InlineData("Admin", "33", null)]
    [InlineData("Admin", "33.13", 9)]
    [InlineData("Admin", "33.13.01", 5)]
    public async Task EachRoleSeesOnlyItsOwnScope(string asker, string area, int? families)
    {
        var person = people[asker];
        var scope = new ReportScope(person.Role, person.Id.ToString(), RegionCode.Parse(person.RegionCode));
        var code = RegionCode.Parse(area);
        await using var scoped = bot.App.Services.CreateAsyncScope();
        var reports = scoped.ServiceProvider.GetRequiredService<DailyReports>();
        var db = scoped.ServiceProvider.GetRequiredService<BotDbContext>();
        var date = new DateOnly(2026, 4, 14);

        if (families is null)
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.ReportAsync(scope, code, date, clock.GetUtcNow(), CancellationToken.None));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => new FamilyExport(db, bot.Regions).WriteCsvAsync(scope, code, bot.Folder.File("x"), false, CancellationToken.None));
            return;
        }
        var report = await reports.ReportAsync(scope, code, date, clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(families, report.Total.Families);
        Assert.Equal(families, report.Backlog.Waiting);
        var export = await new FamilyExport(db, bot.Regions).WriteCsvAsync(scope, code, bot.Folder.File($"{asker}-{area}"), false, CancellationToken.None);
        Assert.Equal(families, export.Families);
        // A kader's list of kader is themselves; others see every kader of the area.
        if (person.Role == Role.Kader) Assert.Equal([person.Id.ToString()], report.Kader.Select(k => k.PersonId));
    }

    [Theory]
    [InlineData("Sri", "/progres", "Total Anda: 3 keluarga.")]
    [InlineData("Sri", "/progres 3313", "Kader melihat capaian keluarga yang dicatatnya sendiri")]
    [InlineData("Sri", "/kader", "Perintah ini hanya untuk koordinator.")]
    [InlineData("KoorJatipuro", "/progres", "Total: 5 keluarga")]
    [InlineData("KoorJatipuro", "/progres 3313012001", "LAPORAN HARIAN PK — Desa/Kel. Ngepungsari")]
    [InlineData("KoorJatipuro", "/progres 33.13.02", "Maaf, wilayah Kecamatan Jatiyoso di luar wilayah Anda.")]
    [InlineData("KoorJatipuro", "/progres 99.99", "Kode wilayah tidak dikenali.")]
    [InlineData("KoorJatipuro", "/progres Jatipuro", "Kode wilayah tidak dikenali.")]
    [InlineData("KoorJatipuro", "/kader", "Kader di Kecamatan Jatipuro: 2 orang")]
    [InlineData("KoorKaranganyar", "/progres 33.13.02", "Total: 4 keluarga")]
    [InlineData("KoorKaranganyar", "/kader", "Kader di Kabupaten Karanganyar: 3 orang")]
    public async Task ChatCommandsAnswerWithinTheAskersScope(string asker, string command, string expected)
    {
        var chat = people[asker].PhoneDigits;
        var before = bot.Sender.TextsTo(chat).Count;
        await bot.Dispatcher.DispatchAsync(Messages.Text(chat, Guid.NewGuid().ToString("N"), command));
        var reply = (await bot.Sender.WaitForAsync(chat, before + 1))[before];
        Assert.Contains(expected, reply);
        Assert.DoesNotContain("Dewi", reply);
    }
}
