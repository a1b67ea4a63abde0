using Microsoft.Extensions.DependencyInjection;
using PK.Bot.People;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Tests;

/// <summary>The roster file into the real database: a good file, a file with bad rows, and a re-import.</summary>
public sealed class RosterImportTests
{
    private const string Good =
        "\uFEFFnama;telepon;peran;kode_wilayah;target_keluarga\r\n" +
        "Siti Aminah;0813-1111-0001;kader;33.13.01.2001;\r\n" +
        "Budi Santoso;+6281311110002;koordinator;3313;302000\r\n" +
        "Sri Lestari;81311110003;kader;331301;\r\n";

    private static async Task<RosterImport.Outcome> ImportAsync(BotFixture bot, string csv, bool dryRun = false)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var import = new RosterImport(scope.ServiceProvider.GetRequiredService<BotDbContext>(), TimeProvider.System);
        return await import.ImportAsync(csv, bot.App.Services.GetRequiredService<RegionDirectory>(), dryRun, CancellationToken.None);
    }

    private static Task<List<Person>> PeopleAsync(BotFixture bot) => bot.QueryAsync(async db => (await db.People.ToListAsync()).OrderBy(p => p.PhoneDigits, StringComparer.Ordinal).ToList());

    [Fact]
    public async Task AGoodFileAddsEveryoneWithNormalisedPhonesAndDottedCodes()
    {
        await using var bot = await BotFixture.StartAsync();

        var outcome = await ImportAsync(bot, Good);

        Assert.Empty(outcome.Problems);
        var people = await PeopleAsync(bot);
        Assert.Equal(["6281311110001", "6281311110002", "6281311110003"], people.Select(p => p.PhoneDigits));
        Assert.Equal(["33.13.01.2001", "33.13", "33.13.01"], people.Select(p => p.RegionCode));
        Assert.Equal([Role.Kader, Role.Koordinator, Role.Kader], people.Select(p => p.Role));
        Assert.Equal(302000, people[1].TargetFamilies);
        Assert.Equal("Siti Aminah", people[0].Name);
    }

    [Fact]
    public async Task AFileWithSeveralBadRowsReportsEachByLineAndImportsNothing()
    {
        await using var bot = await BotFixture.StartAsync();
        var csv = "nama,telepon,peran,kode_wilayah,target_keluarga\n" +
                  "Siti Aminah,081311110001,kader,33.13.01.2001,\n" +
                  "Budi,0813,kader,33.13.01.2001,\n" +
                  "Sri,081311110003,bupati,33.13.01.2001,\n" +
                  "Ani,081311110004,kader,99.99,\n" +
                  "Dewi,081311110005,koordinator,33.13,-4\n";

        var outcome = await ImportAsync(bot, csv);

        Assert.Equal([3, 4, 5, 6], outcome.Problems.Select(p => p.LineNumber).Distinct());
        Assert.Empty(await PeopleAsync(bot));
    }

    [Fact]
    public async Task ReImportingUpdatesByPhoneDeactivatesAndNeverDuplicates()
    {
        await using var bot = await BotFixture.StartAsync();
        await ImportAsync(bot, Good);

        var outcome = await ImportAsync(bot,
            "nama,telepon,peran,kode_wilayah,target_keluarga\n" +
            "Siti Aminah Rahayu,6281311110001,kader,33.13.01.2002,\n" +
            "Sri Lestari,081311110003,nonaktif,33.13.01,\n");

        Assert.Equal(["ubah", "nonaktif"], outcome.Changes.Select(c => c.Kind));
        var people = await PeopleAsync(bot);
        Assert.Equal(3, people.Count);
        Assert.Equal("Siti Aminah Rahayu", people[0].Name);
        Assert.Equal("33.13.01.2002", people[0].RegionCode);
        Assert.True(people[1].Active);
        Assert.False(people[2].Active);
    }

    [Fact]
    public async Task ADryRunShowsWhatWouldChangeAndChangesNothing()
    {
        await using var bot = await BotFixture.StartAsync();

        var outcome = await ImportAsync(bot, Good, dryRun: true);

        Assert.Equal(["tambah", "tambah", "tambah"], outcome.Changes.Select(c => c.Kind));
        Assert.Empty(await PeopleAsync(bot));
    }
}
