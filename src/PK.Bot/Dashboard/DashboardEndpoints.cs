using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;
using T = PK.Bot.Dashboard.DashboardTexts;

namespace PK.Bot.Dashboard;

/// <summary>
/// The dashboard's endpoints. Every page but sign-in needs a session cookie; each area page checks the viewer's
/// <see cref="ReportScope"/> exactly as <c>/progres</c> does (403 outside it); every form that changes something
/// carries an anti-forgery token. Logs name people by id only.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet(DashboardRoutes.Style, () => Results.Text(DashboardPages.Stylesheet, "text/css; charset=utf-8"));
        app.MapGet(DashboardRoutes.SignIn, ShowSignIn);
        app.MapPost(DashboardRoutes.SignIn, (Delegate)SignInAsync);
        app.MapPost(DashboardRoutes.SignOut, (Delegate)SignOutAsync);
        app.MapGet(DashboardRoutes.Root, (Delegate)((HttpContext http) => Guarded(http, (v, _) => AreaAsync(http, v, v.Home))));
        app.MapGet("/dasbor/wilayah/{code}", (HttpContext http, string code) => Guarded(http, (v, _) => WithArea(v, code, area => AreaAsync(http, v, area))));
        app.MapGet("/dasbor/grafik/{code}/grafik.svg", (HttpContext http, string code) => Guarded(http, (v, _) => WithArea(v, code, area => ChartAsync(http, v, area))));
        app.MapGet(DashboardRoutes.Kader, (HttpContext http, string? wilayah) => Guarded(http, (v, _) => WithArea(v, wilayah, area => KaderAsync(http, v, area))));
        app.MapGet(DashboardRoutes.Core, (HttpContext http, int? dikirim) => Guarded(http, (v, _) => CoreAsync(http, v, dikirim)));
        app.MapPost(DashboardRoutes.Resend, (Delegate)((HttpContext http) => Guarded(http, (v, form) => ResendAsync(http, v, form!), form: true)));
        app.MapGet(DashboardRoutes.Download, (HttpContext http, string? wilayah) => Guarded(http, (v, _) => WithArea(v, wilayah, area =>
            Task.FromResult(Page(DashboardPages.Download(v, area, Regions(http)))))));
        app.MapGet("/dasbor/unduh/{code}/data.xlsx", (HttpContext http, string code) => Guarded(http, (v, _) => WithArea(v, code, area => XlsxAsync(http, v, area, withPii: false))));
        app.MapGet("/dasbor/unduh/{code}/{which}.csv", (HttpContext http, string code, string which) => Guarded(http, (v, _) => WithArea(v, code, area => CsvAsync(http, v, area, which))));
        app.MapPost(DashboardRoutes.DownloadPii, (Delegate)((HttpContext http) => Guarded(http, (v, form) => PiiAsync(http, v, form!), form: true)));
    }

    private static RegionDirectory Regions(HttpContext http) => http.RequestServices.GetRequiredService<RegionDirectory>();
    private static DashboardOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value;
    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
    private static BotDbContext Db(HttpContext http) => http.RequestServices.GetRequiredService<BotDbContext>();

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", null, status);

    private static IResult Message(string text, int status) => Page(DashboardPages.Message(T.Title, text), status);

    private static IResult ShowSignIn(HttpContext http, string? t)
    {
        // Opening the link only shows a button: chat apps fetch links for previews, and that must not use the link up.
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return Page(DashboardPages.SignIn(t ?? "", tokens.FormFieldName, tokens.RequestToken!));
    }

    private static async Task<IResult> SignInAsync(HttpContext http)
    {
        if (!await ValidFormAsync(http)) return Message(T.LinkUnknown, StatusCodes.Status400BadRequest);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var options = Options(http);
        var (outcome, session, expires) = await DashboardTokens.RedeemAsync(Db(http), form["t"], Now(http), TimeSpan.FromHours(options.SessionHours), http.RequestAborted);
        await DashboardTokens.PruneAsync(Db(http), Now(http), http.RequestAborted); // links and sessions over for a day go
        return outcome switch
        {
            LinkOutcome.SignedIn => SetSession(http, session!, expires, options),
            LinkOutcome.Used => Message(T.LinkUsed, StatusCodes.Status410Gone),
            LinkOutcome.Expired => Message(T.LinkExpired, StatusCodes.Status410Gone),
            LinkOutcome.NotAllowed => Message(T.LinkNotAllowed, StatusCodes.Status403Forbidden),
            _ => Message(T.LinkUnknown, StatusCodes.Status404NotFound),
        };
    }

    private static IResult SetSession(HttpContext http, string session, DateTimeOffset expires, DashboardOptions options)
    {
        http.Response.Cookies.Append(DashboardTokens.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = options.PublicIsHttps || http.Request.IsHttps,
            Path = DashboardRoutes.Root,
            // Relative, so the browser's clock does not matter; the server checks the stored expiry on every request.
            MaxAge = expires - Now(http),
            IsEssential = true,
        });
        return Results.Redirect(DashboardRoutes.Root, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (!await ValidFormAsync(http)) return Message(T.NotSignedIn, StatusCodes.Status400BadRequest);
        await DashboardTokens.SignOutAsync(Db(http), http.Request.Cookies[DashboardTokens.CookieName], http.RequestAborted);
        http.Response.Cookies.Delete(DashboardTokens.CookieName, new CookieOptions { Path = DashboardRoutes.Root });
        return Message(T.SignedOut, StatusCodes.Status200OK);
    }

    private static async Task<bool> ValidFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return false;
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="page"/> for a signed-in koordinator or admin; a form post must also carry a valid anti-forgery token.</summary>
    private static async Task<IResult> Guarded(HttpContext http, Func<Viewer, IFormCollection?, Task<IResult>> page, bool form = false)
    {
        var person = await DashboardTokens.PersonOfAsync(Db(http), http.Request.Cookies[DashboardTokens.CookieName], Now(http), http.RequestAborted);
        if (person is null) return Message(T.NotSignedIn, StatusCodes.Status401Unauthorized);
        IFormCollection? fields = null;
        if (form)
        {
            if (!await ValidFormAsync(http)) return Message(T.Forbidden, StatusCodes.Status400BadRequest);
            fields = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        var home = RegionCode.Parse(person.RegionCode);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var viewer = new Viewer(person, new ReportScope(person.Role, person.Id.ToString(), home), home, tokens.FormFieldName, tokens.RequestToken!);
        return await page(viewer, fields);
    }

    /// <summary>An area the viewer may see: unknown → 404, outside their scope → 403 (a koordinator editing the URL).</summary>
    private static Task<IResult> WithArea(Viewer viewer, string? code, Func<RegionCode, Task<IResult>> page)
    {
        if (string.IsNullOrEmpty(code)) return page(viewer.Home);
        // The scope is checked before the code is looked up: outside the viewer's area the answer is 403, known code or not.
        if (!RegionCode.TryParse(code, out var area)) return Task.FromResult(Message(T.NotFound, StatusCodes.Status404NotFound));
        if (!viewer.Scope.Covers(area)) return Task.FromResult(Message(T.Forbidden, StatusCodes.Status403Forbidden));
        return page(area);
    }

    /// <summary>What a page needs of the report: the area's counts (Ringkasan, Wilayah, chart), its kader (desa page, Kader page).</summary>
    [Flags]
    private enum Parts { Counts = 1, Kader = 2 }

    private static readonly TimeSpan ReportReuse = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The area's report from the same queries as <c>/progres</c> (<see cref="ProgressQueries"/>, <see cref="ProgressReport.Compute"/>),
    /// leaving out the queries whose part the page does not show. The chart, asked for by the page just served, reuses that
    /// page's report for up to a minute (per viewer, area and day) instead of counting again; pages always count afresh.
    /// </summary>
    private static async Task<ProgressReport?> ReportAsync(HttpContext http, Viewer viewer, RegionCode area, Parts parts, bool reuse = false)
    {
        var regions = Regions(http);
        if (!regions.Exists(area)) return null;
        var now = Now(http);
        var date = ProgressQueries.LocalDate(area, now);
        var cache = http.RequestServices.GetRequiredService<IMemoryCache>();
        var key = (nameof(DashboardEndpoints), viewer.Person.Id, area, date);
        if (reuse && cache.TryGetValue(key, out ProgressReport? known)) return known;
        var options = http.RequestServices.GetRequiredService<IOptions<ReportingOptions>>();
        var queries = new ProgressQueries(Db(http), regions, options);
        var ct = http.RequestAborted;
        var report = ProgressReport.Compute(new ProgressInput(
            area, date, now,
            parts.HasFlag(Parts.Counts) ? await queries.DesaCountsAsync(viewer.Scope, area, date, ct) : [],
            await queries.TargetsAsync(ct),
            parts.HasFlag(Parts.Kader) ? await queries.KaderAsync(viewer.Scope, area, date, ct) : [],
            parts.HasFlag(Parts.Counts) ? await queries.BacklogAsync(viewer.Scope, area, ct) : new ForwardBacklog(0, null),
            options.Value.IdleKaderDays), regions);
        if (parts.HasFlag(Parts.Counts)) cache.Set(key, report, ReportReuse);
        return report;
    }

    private static async Task<IResult> AreaAsync(HttpContext http, Viewer viewer, RegionCode area)
    {
        var report = await ReportAsync(http, viewer, area, area.Level == RegionLevel.Desa ? Parts.Counts | Parts.Kader : Parts.Counts);
        if (report is null) return Message(T.NotFound, StatusCodes.Status404NotFound);
        var data = http.RequestServices.GetRequiredService<DashboardData>();
        var reasons = await data.ReasonsAsync(area, report.Date, http.RequestAborted);
        var unfinished = area.Level == RegionLevel.Desa ? await data.UnfinishedAsync(area, http.RequestAborted) : new Dictionary<Guid, int>();
        var query = http.Request.Query;
        return Page(DashboardPages.Area(viewer, report, Regions(http), reasons, unfinished, query["urut"], query["arah"]));
    }

    private static async Task<IResult> ChartAsync(HttpContext http, Viewer viewer, RegionCode area)
    {
        var report = await ReportAsync(http, viewer, area, Parts.Counts, reuse: true);
        if (report is null) return Message(T.NotFound, StatusCodes.Status404NotFound);
        return Results.Text(ProgressChart.RenderSvg(report, Regions(http)), "image/svg+xml; charset=utf-8");
    }

    private static async Task<IResult> KaderAsync(HttpContext http, Viewer viewer, RegionCode area)
    {
        var report = await ReportAsync(http, viewer, area, Parts.Kader);
        if (report is null) return Message(T.NotFound, StatusCodes.Status404NotFound);
        var unlinked = await http.RequestServices.GetRequiredService<DashboardData>().UnlinkedKaderAsync(area, http.RequestAborted);
        return Page(DashboardPages.Kader(viewer, report, Regions(http), unlinked));
    }

    private const int SetAsideRows = 200;

    private static async Task<IResult> CoreAsync(HttpContext http, Viewer viewer, int? resent)
    {
        if (!viewer.IsAdmin) return Message(T.Forbidden, StatusCodes.Status403Forbidden);
        var status = await http.RequestServices.GetRequiredService<ForwardingBacklog>().GetAsync(http.RequestAborted);
        var data = http.RequestServices.GetRequiredService<DashboardData>();
        var rejected = await data.SetAsideAsync(ForwardStatus.Rejected, SetAsideRows, http.RequestAborted);
        var conflicts = await data.SetAsideAsync(ForwardStatus.Conflict, SetAsideRows, http.RequestAborted);
        var notice = resent is null ? null : resent > 0 ? T.Resent(resent.Value) : T.ResentNothing;
        return Page(DashboardPages.Core(viewer, status, rejected, conflicts, notice));
    }

    private static async Task<IResult> ResendAsync(HttpContext http, Viewer viewer, IFormCollection form)
    {
        if (!viewer.IsAdmin) return Message(T.Forbidden, StatusCodes.Status403Forbidden);
        Guid? record = Guid.TryParse(form["record"], out var id) ? id : null;
        var all = form["semua"] == "1";
        if (record is null && !all) return Message(T.ResentNothing, StatusCodes.Status400BadRequest);
        var count = await ForwardRetry.RetryAsync(Db(http), all ? null : record, http.RequestAborted);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PK.Bot.Dashboard")
            .LogInformation("Dashboard: person {PersonId} put {Count} set-aside record(s) back in the queue", viewer.Person.Id, count);
        return Results.Redirect($"{DashboardRoutes.Core}?dikirim={count}");
    }

    private static string FileStem(RegionCode area, HttpContext http) =>
        $"pk-{area.Plain}-{ProgressQueries.LocalDate(area, Now(http)):yyyyMMdd}";

    private static async Task<IResult> XlsxAsync(HttpContext http, Viewer viewer, RegionCode area, bool withPii)
    {
        if (!Regions(http).Exists(area)) return Message(T.NotFound, StatusCodes.Status404NotFound);
        var export = new FamilyExport(Db(http), Regions(http));
        var name = FileStem(area, http) + (withPii ? "-pribadi" : "") + ".xlsx";
        // Written to a temporary file first, so a failure is an error page rather than half a workbook.
        var path = Path.Combine(Path.GetTempPath(), $"pk-dasbor-{Guid.NewGuid():N}.xlsx");
        await export.WriteXlsxAsync(viewer.Scope, area, path, withPii, http.RequestAborted);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return Results.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, Viewer viewer, RegionCode area, string which)
    {
        if (which is not ("keluarga" or "anggota")) return Message(T.NotFound, StatusCodes.Status404NotFound);
        if (!Regions(http).Exists(area)) return Message(T.NotFound, StatusCodes.Status404NotFound);
        var folder = Directory.CreateTempSubdirectory("pk-dasbor-");
        try
        {
            var summary = await new FamilyExport(Db(http), Regions(http)).WriteCsvAsync(viewer.Scope, area, Path.Combine(folder.FullName, "data"), false, http.RequestAborted);
            var wanted = summary.Files.Single(f => f.EndsWith($"-{which}.csv", StringComparison.Ordinal));
            var bytes = await File.ReadAllBytesAsync(wanted, http.RequestAborted);
            return Results.File(bytes, "text/csv; charset=utf-8", $"{FileStem(area, http)}-{which}.csv");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<IResult> PiiAsync(HttpContext http, Viewer viewer, IFormCollection form)
    {
        if (!viewer.IsAdmin) return Message(T.Forbidden, StatusCodes.Status403Forbidden);
        return await WithArea(viewer, form["wilayah"], async area =>
        {
            if (!Regions(http).Exists(area)) return Message(T.NotFound, StatusCodes.Status404NotFound);
            var db = Db(http);
            db.PiiDownloads.Add(new PiiDownload { PersonId = viewer.Person.Id, DownloadedAt = Now(http), RegionCode = area.Dotted, Format = "xlsx" });
            await db.SaveChangesAsync(http.RequestAborted);
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PK.Bot.Dashboard")
                .LogWarning("Dashboard: person {PersonId} downloaded personal data of {Area}", viewer.Person.Id, area.Dotted);
            return await XlsxAsync(http, viewer, area, withPii: true);
        });
    }
}
