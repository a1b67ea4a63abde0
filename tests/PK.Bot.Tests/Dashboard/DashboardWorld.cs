using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;
using PK.Domain.Interviews;
using PK.Domain.People;

namespace PK.Bot.Tests.Dashboard;

/// <summary>
/// The real host on fake time with the dashboard on, a small Karanganyar + Sragen world, and browsers-by-HttpClient
/// that sign in the way a person does: <c>/dasbor</c> in chat, open the link, press Masuk.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    /// <summary>The address in the links; tests open the same path on the host's real loopback address.</summary>
    public const string PublicUrl = "http://dasbor.test";

    // Names and phones that must never show on a page.
    public static readonly string[] Secrets = ["Sulastri Wibowo", "Aminah Rahayu", "Wartini Suharjo", "Dewi Kusuma", "Tanpa Chat Slamet",
        "Hartono Jatipuro", "Susilo Karanganyar", "Budiman Admin", FamilySet.KkNik, FamilySet.KkName, FamilySet.Phone, "62813555"];

    public FakeTimeProvider Clock { get; } = new(FamilySet.Wib(4, 14, 17));
    public BotFixture Bot { get; private set; } = null!;
    public Dictionary<string, Person> People { get; } = [];
    public Guid RejectedRecord { get; private set; }
    public Guid UnlinkedKader { get; private set; }

    public string BaseUrl => Bot.App.Urls.First();

    public async Task InitializeAsync() => Bot = await StartAsync(this);

    public async Task DisposeAsync() => await Bot.DisposeAsync();

    /// <summary>
    /// Families: Sulastri 3 in Ngepungsari (1 berisiko), Aminah 2 in Ngepungsari, Wartini 4 in Jatisawit (Jatiyoso, 2 berisiko),
    /// Dewi 5 in Sragen; one of Aminah's was rejected by the core. Sulastri has one family unfinished.
    /// </summary>
    private static async Task<BotFixture> StartAsync(DashboardWorld world, IDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Reports:DailyAt"] = "23:59",
            ["Dashboard:PublicUrl"] = PublicUrl,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        var bot = await ReportingBot.StartAsync(world.Clock, all);
        world.Bot = bot;
        var phone = 0;
        foreach (var (key, name, role, region, target) in new (string, string, Role, string, int?)[]
        {
            ("Sulastri", "Sulastri Wibowo", Role.Kader, "33.13.01.2001", 20),
            ("Aminah", "Aminah Rahayu", Role.Kader, "33.13.01.2001", 20),
            ("Wartini", "Wartini Suharjo", Role.Kader, "33.13.02.2001", null),
            ("Dewi", "Dewi Kusuma", Role.Kader, "33.14.01.2001", null),
            ("KoorJatipuro", "Hartono Jatipuro", Role.Koordinator, "33.13.01", 100),
            ("KoorKaranganyar", "Susilo Karanganyar", Role.Koordinator, "33.13", null),
            ("Admin", "Budiman Admin", Role.Admin, "33.13", null),
        })
            world.People[key] = await bot.AddPersonAsync(name, $"62813555{phone++:D4}", role: role, region: region, target: target);
        await FamilySet.AddTargetAsync(bot, "33.13.02", 50);

        async Task Families(string kader, string desa, int count, int berisiko, int hourFrom)
        {
            for (var i = 0; i < count; i++)
                await FamilySet.AddAsync(bot, world.People[kader].Id, FamilySet.Record(desa, world.People[kader].Id, FamilySet.Wib(4, i % 2 == 0 ? 14 : 13, hourFrom + i), berisiko: i < berisiko));
        }
        await Families("Sulastri", "33.13.01.2001", 3, 1, 8);
        await Families("Aminah", "33.13.01.2001", 2, 0, 9);
        await Families("Wartini", "33.13.02.2001", 4, 2, 8);
        await Families("Dewi", "33.14.01.2001", 5, 0, 8);

        world.RejectedRecord = Guid.NewGuid();
        await FamilySet.AddAsync(bot, world.People["Aminah"].Id,
            FamilySet.Record("33.13.01.2001", world.People["Aminah"].Id, FamilySet.Wib(4, 12, 10), id: world.RejectedRecord), ForwardStatus.Rejected);
        world.UnlinkedKader = Guid.NewGuid();
        await using (var scope = bot.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.SubmittedRecords.Where(r => r.RecordId == world.RejectedRecord).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastError, "kode wilayah RT tidak dikenal"));
            db.People.Add(new Person
            {
                Id = world.UnlinkedKader, Name = "Tanpa Chat Slamet", PhoneDigits = "628135559999", Role = Role.Kader, RegionCode = "33.13.02.2001",
                CreatedAt = world.Clock.GetUtcNow(), UpdatedAt = world.Clock.GetUtcNow(),
            });
            db.Interviews.Add(new PK.Bot.Persistence.StoredInterview
            {
                RecordId = Guid.NewGuid(), Version = 1, KaderId = world.People["Sulastri"].Id, RegionCode = "33.13.01.2001",
                Status = InterviewStatus.Paused, SnapshotJson = "{}", StartedAt = world.Clock.GetUtcNow().AddHours(-2), UpdatedAt = world.Clock.GetUtcNow().AddHours(-1),
            });
            await db.SaveChangesAsync();
        }
        return bot;
    }

    /// <summary>A world of its own (for tests that move the clock or change records).</summary>
    public static async Task<DashboardWorld> StartOwnAsync(IDictionary<string, string>? settings = null)
    {
        var world = new DashboardWorld();
        await StartAsync(world, settings);
        return world;
    }

    /// <summary>Sends <c>/dasbor</c> as <paramref name="who"/> and returns the bot's answer.</summary>
    public async Task<string> AskAsync(string who)
    {
        var chat = People[who].PhoneDigits;
        var before = Bot.Sender.TextsTo(chat).Count;
        await Bot.Dispatcher.DispatchAsync(Messages.Text(chat, Guid.NewGuid().ToString("N"), "/dasbor"));
        return (await Bot.Sender.WaitForAsync(chat, before + 1))[before];
    }

    /// <summary>The link in a <c>/dasbor</c> answer, pointed at the host's real address.</summary>
    public string LinkIn(string answer)
    {
        var link = Regex.Match(answer, @"https?://\S+").Value;
        Assert.StartsWith(PublicUrl + "/dasbor/masuk?t=", link);
        return BaseUrl + link[PublicUrl.Length..];
    }

    public async Task<string> NewLinkAsync(string who) => LinkIn(await AskAsync(who));

    public DashboardBrowser Browser() => new(BaseUrl);

    /// <summary>A browser already signed in as <paramref name="who"/>.</summary>
    public async Task<DashboardBrowser> SignedInAsync(string who)
    {
        var browser = Browser();
        var response = await browser.OpenLinkAsync(await NewLinkAsync(who));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return browser;
    }
}

/// <summary>What a page came back as.</summary>
public sealed record Page(HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public string? Field(string id) => Regex.Match(Body, $"id=\"{id}\">([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The hidden anti-forgery field of the page's forms.</summary>
    public (string Name, string Value) Antiforgery()
    {
        var m = Regex.Match(Body, "name=\"(__af)\" value=\"([^\"]*)\"");
        Assert.True(m.Success, "The page has no anti-forgery field.");
        return (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value));
    }
}

/// <summary>An HttpClient with its own cookie jar, following redirects by hand (so each status is seen).</summary>
public sealed class DashboardBrowser : IDisposable
{
    private readonly HttpClient http;

    public DashboardBrowser(string baseUrl)
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public CookieContainer Cookies { get; }

    public async Task<Page> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool follow = true)
    {
        var response = await http.PostAsync(path, new FormUrlEncodedContent(fields));
        if (follow && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
            return await GetAsync(response.Headers.Location!.OriginalString);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Opens a sign-in link and presses Masuk; the page it lands on.</summary>
    public async Task<Page> OpenLinkAsync(string link)
    {
        var shown = await GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        var token = Regex.Match(shown.Body, "name=\"t\" value=\"([^\"]*)\"").Groups[1].Value;
        var (name, value) = shown.Antiforgery();
        return await PostAsync("/dasbor/masuk", [new("t", WebUtility.HtmlDecode(token)), new(name, value)]);
    }

    /// <summary>Posts a form of <paramref name="page"/> (its anti-forgery token) with <paramref name="fields"/>.</summary>
    public Task<Page> SubmitAsync(Page page, string action, params (string Name, string Value)[] fields)
    {
        var (name, value) = page.Antiforgery();
        return PostAsync(action, [new(name, value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    public async Task<byte[]> DownloadAsync(string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => http.Dispose();
}
