using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using PK.Bot.Dashboard;
using PK.Bot.Tests.Support;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;

namespace PK.Bot.Tests.Dashboard;

/// <summary>Each page answers within the viewer's scope, exactly as <c>/progres</c> does, with <c>report</c>'s numbers.</summary>
public sealed class DashboardScopeTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private static readonly DateOnly Day = new(2026, 4, 14);

    public static TheoryData<string, string, string, HttpStatusCode> Table()
    {
        var pages = new[] { "wilayah", "kader", "unduh", "xlsx", "grafik" };
        var rows = new (string Who, string Area, HttpStatusCode Status)[]
        {
            ("KoorJatipuro", "33.13.01", HttpStatusCode.OK),
            ("KoorJatipuro", "33.13.01.2001", HttpStatusCode.OK),
            ("KoorJatipuro", "33.13.02", HttpStatusCode.Forbidden),
            ("KoorJatipuro", "33.13.02.2001", HttpStatusCode.Forbidden),
            ("KoorJatipuro", "33.13", HttpStatusCode.Forbidden),
            ("KoorJatipuro", "33.14", HttpStatusCode.Forbidden),
            ("KoorKaranganyar", "33.13", HttpStatusCode.OK),
            ("KoorKaranganyar", "33.13.02", HttpStatusCode.OK),
            ("KoorKaranganyar", "33.13.02.2001", HttpStatusCode.OK),
            ("KoorKaranganyar", "33.14", HttpStatusCode.Forbidden),
            ("KoorKaranganyar", "33.14.01.2001", HttpStatusCode.Forbidden),
            ("KoorKaranganyar", "33", HttpStatusCode.Forbidden),
            // An admin's kode_wilayah bounds what they see, like a koordinator's (the kabupaten office sees its kabupaten).
            ("Admin", "33.13", HttpStatusCode.OK),
            ("Admin", "33.13.01.2001", HttpStatusCode.OK),
            ("Admin", "33.14", HttpStatusCode.Forbidden),
            ("Admin", "33", HttpStatusCode.Forbidden),
        };
        var data = new TheoryData<string, string, string, HttpStatusCode>();
        foreach (var row in rows)
            foreach (var page in pages)
                data.Add(row.Who, row.Area, page, row.Status);
        return data;
    }

    private static string PathOf(string page, string area) => page switch
    {
        "wilayah" => $"/dasbor/wilayah/{area}",
        "kader" => $"/dasbor/kader?wilayah={area}",
        "unduh" => $"/dasbor/unduh?wilayah={area}",
        "xlsx" => $"/dasbor/unduh/{area}/data.xlsx",
        _ => $"/dasbor/grafik/{area}/grafik.svg",
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task EveryPageAnswersOnlyInsideTheViewersScope(string who, string area, string page, HttpStatusCode expected)
    {
        using var browser = await world.SignedInAsync(who);
        var answer = await browser.GetAsync(PathOf(page, area));
        Assert.Equal(expected, answer.Status);
        if (expected == HttpStatusCode.Forbidden) Assert.Contains(DashboardTexts.Forbidden, WebUtility.HtmlDecode(answer.Body));
        foreach (var secret in DashboardWorld.Secrets) Assert.DoesNotContain(secret, answer.Body);
    }

    [Theory]
    [InlineData("KoorJatipuro", "33.13.01")]
    [InlineData("KoorJatipuro", "33.13.01.2001")]
    [InlineData("KoorKaranganyar", "33.13")]
    [InlineData("KoorKaranganyar", "33.13.02")]
    [InlineData("Admin", "33.13")]
    [InlineData("Admin", "33.13.02")]
    public async Task TheNumbersOnTheAreaPageAreTheReportsNumbers(string who, string area)
    {
        var person = world.People[who];
        var scope = new ReportScope(person.Role, person.Id.ToString(), RegionCode.Parse(person.RegionCode));
        var report = await world.Bot.ReportAsync(scope, RegionCode.Parse(area), Day);
        using var browser = await world.SignedInAsync(who);
        var page = await browser.GetAsync($"/dasbor/wilayah/{area}");

        Assert.Equal(IndonesianNumbers.Count(report.Total.Families), page.Field("total"));
        Assert.Equal(IndonesianNumbers.Count(report.Total.Today), page.Field("today"));
        Assert.Equal(report.Total.Target is { } t ? IndonesianNumbers.Count(t) : "—", page.Field("target"));
        Assert.Equal(report.Total.Percent is { } p ? IndonesianNumbers.Percent(p) : "—", page.Field("percent"));
        Assert.Equal(IndonesianNumbers.Count(report.Total.Berisiko), page.Field("berisiko"));
        Assert.Equal(report.Backlog is { Waiting: > 0, OldestSubmittedAt: { } oldest }
            ? DashboardTexts.BacklogWaiting(IndonesianNumbers.Count(report.Backlog.Waiting), IndonesianNumbers.Age(report.Now - oldest))
            : DashboardTexts.BacklogNone, page.Field("backlog"));
        // The sub-area table: the report's lines in the report's order (furthest behind first), with its numbers.
        var rows = Regex.Matches(page.Body, "<tr data-code=\"([^\"]+)\">(.*?)</tr>").Select(m => (Code: m.Groups[1].Value, Cells: Regex.Matches(m.Groups[2].Value, "<td[^>]*>(.*?)</td>").Select(c => Regex.Replace(c.Groups[1].Value, "<[^>]+>", "")).ToList())).ToList();
        Assert.Equal(report.SubAreas.Select(s => s.Code.Dotted), rows.Select(r => r.Code));
        foreach (var (line, row) in report.SubAreas.Zip(rows))
        {
            Assert.Equal(line.Name, WebUtility.HtmlDecode(row.Cells[0]));
            Assert.Equal(IndonesianNumbers.Count(line.Today), row.Cells[1]);
            Assert.Equal(IndonesianNumbers.Count(line.Families), row.Cells[2]);
            Assert.Equal(line.Percent is { } lp ? IndonesianNumbers.Percent(lp) : "—", row.Cells[4]);
            Assert.Equal(IndonesianNumbers.Count(line.Berisiko), row.Cells[5]);
        }
    }

    [Fact]
    public async Task TheSubAreaTableSortsByAnyColumnOnTheServer()
    {
        using var browser = await world.SignedInAsync("Admin");
        async Task<List<string>> Codes(string query) =>
            [.. Regex.Matches((await browser.GetAsync("/dasbor/wilayah/33.13.01" + query)).Body, "<tr data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];
        var byFamiliesDown = await Codes("?urut=keluarga&arah=turun");
        // Jatipuro's desa: only Ngepungsari (33.13.01.2001) has families (6 with the rejected one), so it leads.
        Assert.Equal("33.13.01.2001", byFamiliesDown[0]);
        var byFamiliesUp = await Codes("?urut=keluarga&arah=naik");
        Assert.Equal("33.13.01.2001", byFamiliesUp[^1]);
        var byName = await Codes("?urut=wilayah&arah=naik");
        var regions = world.Bot.Regions;
        Assert.Equal(byName.OrderBy(c => regions.NameOf(RegionCode.Parse(c)), StringComparer.Ordinal), byName);
        Assert.Equal(byName.Count, byFamiliesDown.Count);
    }

    [Fact]
    public async Task TheDesaPageListsItsKaderByCodeWithCountsAndNoNames()
    {
        using var browser = await world.SignedInAsync("KoorJatipuro");
        var page = await browser.GetAsync("/dasbor/wilayah/33.13.01.2001");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var sulastri = DashboardData.KaderLabel(world.People["Sulastri"].Id);
        var aminah = DashboardData.KaderLabel(world.People["Aminah"].Id);
        var row = Regex.Match(page.Body, $"<tr><td>{sulastri}</td>(.*?)</tr>").Groups[1].Value;
        // today 2 (of 3; one on the 13th), families 3, unfinished 1, last activity: the paused family at 16.00 WIB.
        Assert.Equal(["2", "3", "1", "14 April 2026 16.00 WIB"], Regex.Matches(row, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value));
        Assert.Contains($"<tr><td>{aminah}</td>", page.Body);
        foreach (var secret in DashboardWorld.Secrets) Assert.DoesNotContain(secret, page.Body);
    }

    [Fact]
    public async Task TheKaderPageShowsWhoHasNotLinkedAChatAndWhoIsIdle()
    {
        using var browser = await world.SignedInAsync("KoorKaranganyar");
        var page = await browser.GetAsync("/dasbor/kader");
        var unlinked = Regex.Match(page.Body, "<table id=\"unlinked\">(.*?)</table>").Groups[1].Value;
        Assert.Contains(DashboardData.KaderLabel(world.UnlinkedKader), unlinked);
        Assert.DoesNotContain(DashboardData.KaderLabel(world.People["Sulastri"].Id), unlinked);
        // The unlinked kader never sent a family: idle. Everyone else sent one today or yesterday (IdleKaderDays 3).
        var idle = Regex.Match(page.Body, "<table id=\"idle\">(.*?)</table>").Groups[1].Value;
        Assert.Contains(DashboardData.KaderLabel(world.UnlinkedKader), idle);
        Assert.DoesNotContain(DashboardData.KaderLabel(world.People["Wartini"].Id), idle);
        Assert.DoesNotContain("Tanpa Chat Slamet", page.Body);
    }

    [Fact]
    public async Task TheRingkasanShowsBerisikoByReasonTheChartAsSvgAndTimesInTheViewersZone()
    {
        using var browser = await world.SignedInAsync("KoorKaranganyar");
        var page = await browser.GetAsync("/dasbor");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Per 14 April 2026, pukul 17.00 WIB", page.Body);
        // 3 berisiko families in Karanganyar, each for "jamban tidak layak" (FamilySet's reason).
        Assert.Equal("3", page.Field("berisiko"));
        Assert.Matches("<tr data-reason=\"jamban_tidak_layak\"><td>Jamban tidak layak</td><td class=\"num\">3</td></tr>", page.Body);
        var chart = await browser.GetAsync("/dasbor/grafik/33.13/grafik.svg");
        Assert.Equal("image/svg+xml", chart.Response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", chart.Body);
        Assert.Contains("Jatiyoso", chart.Body);
    }

    [Fact]
    public async Task EveryPageCarriesTheSecurityHeadersAndNoScript()
    {
        using var browser = await world.SignedInAsync("Admin");
        foreach (var path in new[] { "/dasbor", "/dasbor/kader", "/dasbor/pusat", "/dasbor/unduh", "/dasbor/wilayah/33.13.01.2001" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var headers = page.Response.Headers;
            var csp = string.Join("", headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", page.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TheAreaDownloadHasNoPersonalDataAndCountsTheAreasFamilies()
    {
        using var browser = await world.SignedInAsync("KoorJatipuro");
        var xlsx = await browser.DownloadAsync("/dasbor/unduh/33.13.01/data.xlsx");
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var families = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Equal(1 + 6, Regex.Matches(families, "<row").Count); // header + Jatipuro's 6 families
        Assert.DoesNotContain(FamilySet.KkNik, families);
        Assert.DoesNotContain(FamilySet.KkName, families);
        var csv = System.Text.Encoding.UTF8.GetString(await browser.DownloadAsync("/dasbor/unduh/33.13.01/anggota.csv"));
        Assert.Equal(1 + 12, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // 2 members each
        Assert.DoesNotContain(FamilySet.KkNik, csv);
    }
}
