using System.Net;
using PK.Bot.Dashboard;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Dashboard;

/// <summary>The one-time link from <c>/dasbor</c>: single use, 15 minutes, bound to its person, stored hashed; sessions end.</summary>
public sealed class DashboardSignInTests
{
    [Fact]
    public async Task ALinkSignsInOnceAndSaysSoInIndonesianWhenOpenedAgain()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        var answer = await world.AskAsync("KoorJatipuro");
        Assert.Contains("berlaku 15 menit", answer);
        var link = world.LinkIn(answer);

        using var first = world.Browser();
        var home = await first.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Ringkasan Kecamatan Jatipuro", home.Body);
        var cookie = first.Cookies.GetAllCookies().Single(c => c.Name == DashboardTokens.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/dasbor", cookie.Path);

        using var second = world.Browser();
        var again = await second.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Contains(DashboardTexts.LinkUsed, WebUtility.HtmlDecode(again.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/dasbor")).Status);

        // Only the token's hash is stored.
        var token = link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var stored = await world.Bot.QueryAsync(db => db.DashboardLinks.Select(l => l.TokenHash).ToListAsync());
        Assert.Equal([DashboardTokens.Hash(token)], stored);
        Assert.DoesNotContain(token, stored);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSiteStrict()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var browser = world.Browser();
        var shown = await browser.GetAsync(await world.NewLinkAsync("Admin"));
        var token = System.Text.RegularExpressions.Regex.Match(shown.Body, "name=\"t\" value=\"([^\"]*)\"").Groups[1].Value;
        var (name, value) = shown.Antiforgery();
        var posted = await browser.PostAsync("/dasbor/masuk", [new("t", token), new(name, value)], follow: false);
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var setCookie = posted.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardTokens.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", setCookie);
        Assert.Contains("samesite=strict", setCookie);
        Assert.Contains("path=/dasbor", setCookie);
        Assert.DoesNotContain("secure", setCookie); // plain HTTP here; Secure comes with an https PublicUrl (next test)
    }

    [Fact]
    public async Task BehindHttpsTheCookieIsSecure()
    {
        var world = await DashboardWorld.StartOwnAsync(new Dictionary<string, string> { ["Dashboard:PublicUrl"] = "https://dasbor.test" });
        await using var _ = world.Bot;
        var answer = await world.AskAsync("Admin");
        Assert.Contains("https://dasbor.test/dasbor/masuk?t=", answer);
        using var browser = world.Browser();
        var shown = await browser.GetAsync(world.BaseUrl + answer[answer.IndexOf("/dasbor/masuk", StringComparison.Ordinal)..].Trim());
        var token = System.Text.RegularExpressions.Regex.Match(shown.Body, "name=\"t\" value=\"([^\"]*)\"").Groups[1].Value;
        var (name, value) = shown.Antiforgery();
        var posted = await browser.PostAsync("/dasbor/masuk", [new("t", token), new(name, value)], follow: false);
        Assert.Contains("secure", posted.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardTokens.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant());
    }

    [Fact]
    public async Task ALinkExpiresAfterFifteenMinutes()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        var link = await world.NewLinkAsync("KoorKaranganyar");
        world.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var browser = world.Browser();
        var page = await browser.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains(DashboardTexts.LinkExpired, WebUtility.HtmlDecode(page.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/dasbor")).Status);

        // A fresh link within its 15 minutes works.
        var fresh = await world.NewLinkAsync("KoorKaranganyar");
        world.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenLinkAsync(fresh)).Status);
    }

    [Fact]
    public async Task TheSessionEndsAfterSessionHoursAndOnSignOut()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var browser = await world.SignedInAsync("Admin");
        world.Clock.Advance(TimeSpan.FromHours(7.9));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dasbor")).Status);
        world.Clock.Advance(TimeSpan.FromHours(0.2));
        var expired = await browser.GetAsync("/dasbor");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains(DashboardTexts.NotSignedIn, WebUtility.HtmlDecode(expired.Body));

        using var other = await world.SignedInAsync("Admin");
        var cookie = other.Cookies.GetAllCookies().Single(c => c.Name == DashboardTokens.CookieName).Value;
        var home = await other.GetAsync("/dasbor");
        var signedOut = await other.SubmitAsync(home, "/dasbor/keluar");
        Assert.Contains(DashboardTexts.SignedOut, WebUtility.HtmlDecode(signedOut.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/dasbor")).Status);
        // The old cookie, replayed by hand, opens nothing: the session is gone from the table.
        using var replay = world.Browser();
        replay.Cookies.Add(new Uri(world.BaseUrl), new Cookie(DashboardTokens.CookieName, cookie, "/dasbor"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/dasbor")).Status);
        Assert.Equal(0, await world.Bot.QueryAsync(db => db.DashboardSessions.CountAsync(s => s.ExpiresAt > world.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task AnotherPersonsCookieCarriesThatPersonsScopeNotTheLinks()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var jatipuro = await world.SignedInAsync("KoorJatipuro");
        using var karanganyar = await world.SignedInAsync("KoorKaranganyar");
        Assert.Equal(HttpStatusCode.Forbidden, (await jatipuro.GetAsync("/dasbor/wilayah/33.13.02")).Status);
        Assert.Equal(HttpStatusCode.OK, (await karanganyar.GetAsync("/dasbor/wilayah/33.13.02")).Status);

        // Jatipuro's cookie in another browser is Jatipuro, whoever holds it: the link went to one person only.
        var stolen = jatipuro.Cookies.GetAllCookies().Single(c => c.Name == DashboardTokens.CookieName).Value;
        using var thief = world.Browser();
        thief.Cookies.Add(new Uri(world.BaseUrl), new Cookie(DashboardTokens.CookieName, stolen, "/dasbor"));
        var page = await thief.GetAsync("/dasbor");
        Assert.Contains("Ringkasan Kecamatan Jatipuro", page.Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await thief.GetAsync("/dasbor/wilayah/33.13")).Status);
        // A made-up cookie is nobody.
        using var forged = world.Browser();
        forged.Cookies.Add(new Uri(world.BaseUrl), new Cookie(DashboardTokens.CookieName, DashboardTokens.NewToken(), "/dasbor"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/dasbor")).Status);
    }

    [Fact]
    public async Task AKaderGetsAPoliteNoAndNoLink()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        Assert.Equal(DashboardTexts.KaderNo, await world.AskAsync("Sulastri"));
        Assert.Equal(0, await world.Bot.QueryAsync(db => db.DashboardLinks.CountAsync()));
    }

    [Fact]
    public async Task WithoutAPublicUrlTheDashboardIsOff()
    {
        var world = await DashboardWorld.StartOwnAsync(new Dictionary<string, string> { ["Dashboard:PublicUrl"] = "" });
        await using var _ = world.Bot;
        Assert.Equal(DashboardTexts.Off, await world.AskAsync("Admin"));
        using var browser = world.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dasbor")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dasbor/masuk?t=x")).Status);
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenChangesNothing()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var browser = await world.SignedInAsync("Admin");
        var refused = await browser.PostAsync("/dasbor/pusat/kirim-ulang", [new("semua", "1")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(ForwardStatus.Rejected, await world.Bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.RecordId == world.RejectedRecord).Select(r => r.ForwardStatus).SingleAsync()));
        var signOut = await browser.PostAsync("/dasbor/keluar", []);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dasbor")).Status);
    }
}
