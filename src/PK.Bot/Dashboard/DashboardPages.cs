using System.Globalization;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Reporting;
using T = PK.Bot.Dashboard.DashboardTexts;

namespace PK.Bot.Dashboard;

/// <summary>Who is looking: their scope (as <c>/progres</c>), their time zone, and the anti-forgery token for this page's forms.</summary>
public sealed record Viewer(Person Person, ReportScope Scope, RegionCode Home, string FormField, string FormToken)
{
    public IndonesianTimeZone Zone => Home.TimeZone;
    public TimeSpan Offset => Provinces.OffsetOf(Zone);
    public bool IsAdmin => Person.Role == Role.Admin;

    public string Local(DateTimeOffset at)
    {
        var local = at.ToOffset(Offset);
        return $"{IndonesianNumbers.Date(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH.mm", CultureInfo.InvariantCulture)} {IndonesianNumbers.Zone(Zone)}";
    }
}

/// <summary>The pages as server-rendered HTML: no script at all, one stylesheet, tables that read on a phone.</summary>
internal static class DashboardPages
{
    private static readonly Func<long, string> N = IndonesianNumbers.Count;

    public static string Layout(string title, string body, Viewer? viewer, string? current = null)
    {
        var page = new Html().Raw("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Tag("title", $"{title} · {T.Title}")
            .Raw($"<link rel=\"stylesheet\" href=\"{DashboardRoutes.Style}\"></head><body><header>")
            .Tag("strong", T.Title, "class=\"brand\"");
        if (viewer is not null)
        {
            page.Raw("<nav>");
            Nav(page, DashboardRoutes.Root, T.NavSummary, current == "ringkasan");
            Nav(page, DashboardRoutes.Kader, T.NavKader, current == "kader");
            if (viewer.IsAdmin) Nav(page, DashboardRoutes.Core, T.NavCore, current == "pusat");
            Nav(page, DashboardRoutes.Download, T.NavDownload, current == "unduh");
            page.Raw($"<form method=\"post\" action=\"{DashboardRoutes.SignOut}\" class=\"inline\">");
            Antiforgery(page, viewer);
            page.Raw("<button type=\"submit\" class=\"link\">").Text(T.SignOut).Raw("</button></form></nav>");
        }
        page.Raw("</header><main>").Raw(body).Raw("</main>");
        if (viewer is not null)
            page.Raw("<footer>").Text(T.SignedInAs(T.RoleName(viewer.Person.Role), viewer.Home.Dotted)).Raw("</footer>");
        return page.Raw("</body></html>").ToString();
    }

    private static void Nav(Html page, string href, string label, bool current) =>
        page.Link(href, label, current ? "aria-current=\"page\"" : "");

    public static void Antiforgery(Html page, Viewer viewer) =>
        page.Raw("<input type=\"hidden\" name=\"").Text(viewer.FormField).Raw("\" value=\"").Text(viewer.FormToken).Raw("\">");

    public static string Message(string title, string text) =>
        Layout(title, new Html().Tag("h1", title).Tag("p", text, "class=\"message\"").ToString(), null);

    public static string SignIn(string token, string formField, string formToken) =>
        Layout(T.SignInTitle, new Html().Tag("h1", T.SignInTitle).Tag("p", T.SignInPrompt)
            .Raw($"<form method=\"post\" action=\"{DashboardRoutes.SignIn}\">")
            .Raw("<input type=\"hidden\" name=\"t\" value=\"").Text(token).Raw("\">")
            .Raw("<input type=\"hidden\" name=\"").Text(formField).Raw("\" value=\"").Text(formToken).Raw("\">")
            .Raw("<button type=\"submit\" id=\"masuk\">").Text(T.SignInButton).Raw("</button></form>").ToString(), null);

    /// <summary>Ringkasan and every Wilayah page: the numbers of <c>/progres</c>, the sub-area table, the chart, backlog and berisiko.</summary>
    public static string Area(Viewer viewer, ProgressReport report, RegionDirectory regions, IReadOnlyList<ReasonCount> reasons,
        IReadOnlyDictionary<Guid, int> unfinished, string? sort, string? direction)
    {
        var name = ReportText.AreaName(report.Area, regions);
        var page = new Html().Tag("h1", T.Heading(name));
        Breadcrumb(page, viewer, report.Area, regions);
        page.Tag("p", T.AsOf(IndonesianNumbers.Date(report.Date), report.Now.ToOffset(viewer.Offset).ToString("HH.mm", CultureInfo.InvariantCulture), IndonesianNumbers.Zone(viewer.Zone)), "class=\"muted\"");

        var total = report.Total;
        page.Raw("<dl class=\"cards\">");
        Card(page, "today", T.Today, N(total.Today));
        Card(page, "total", T.Total, N(total.Families));
        Card(page, "target", T.Target, total.Target is { } t ? N(t) : T.NoTarget);
        Card(page, "percent", T.Percent, total.Percent is { } p ? IndonesianNumbers.Percent(p) : T.NoTarget);
        page.Raw("</dl>");

        if (report.SubAreas.Count > 0)
        {
            page.Tag("h2", ReportText.LevelName(report.Area.Level + 1));
            page.Tag("p", T.SortHint, "class=\"muted\"");
            SubAreaTable(page, report, sort, direction);
        }
        else
        {
            page.Tag("h2", T.DesaKader);
            KaderTable(page, viewer, report, unfinished);
        }

        page.Raw("<figure>").Raw("<img src=\"").Text(DashboardRoutes.Chart(report.Area)).Raw("\" alt=\"").Text(T.ChartAlt).Raw("\" width=\"900\"></figure>");

        page.Tag("h2", T.Backlog);
        page.Tag("p", report.Backlog is { Waiting: > 0, OldestSubmittedAt: { } oldest }
            ? T.BacklogWaiting(N(report.Backlog.Waiting), IndonesianNumbers.Age(report.Now - oldest))
            : T.BacklogNone, "id=\"backlog\"");

        page.Raw("<h2>").Text(T.Berisiko("")).Raw("<span id=\"berisiko\">").Text(N(total.Berisiko)).Raw("</span></h2>");
        if (reasons.Count > 0)
        {
            page.Raw("<table id=\"reasons\"><thead><tr>").Tag("th", T.ColumnReason).Tag("th", T.ColumnFamilies, "class=\"num\"").Raw("</tr></thead><tbody>");
            foreach (var reason in reasons)
                page.Raw($"<tr data-reason=\"{Html.E(reason.Code)}\">").Tag("td", T.ReasonName(reason.Code)).Tag("td", N(reason.Families), "class=\"num\"").Raw("</tr>");
            page.Raw("</tbody></table>").Tag("p", T.ReasonNote, "class=\"muted\"");
        }
        return Layout(name, page.ToString(), viewer, report.Area == viewer.Home ? "ringkasan" : null);
    }

    private static void Card(Html page, string id, string label, string value) =>
        page.Raw("<div>").Tag("dt", label).Tag("dd", value, $"id=\"{id}\"").Raw("</div>");

    private static void Breadcrumb(Html page, Viewer viewer, RegionCode area, RegionDirectory regions)
    {
        var path = new List<RegionCode>();
        for (RegionCode? up = area; up is { } code; up = code.Parent)
            if (viewer.Scope.Covers(code) && regions.Exists(code)) path.Insert(0, code);
        if (path.Count < 2) return;
        page.Raw($"<nav class=\"crumbs\" aria-label=\"{Html.E(T.Breadcrumb)}\">");
        for (var i = 0; i < path.Count; i++)
        {
            if (i > 0) page.Raw(" › ");
            if (i == path.Count - 1) page.Tag("span", ReportText.AreaName(path[i], regions));
            else page.Link(DashboardRoutes.Area(path[i]), ReportText.AreaName(path[i], regions));
        }
        page.Raw("</nav>");
    }

    internal static readonly string[] SortKeys = ["wilayah", "hari", "keluarga", "target", "persen", "berisiko"];

    /// <summary>The sub-areas in the asked order; without one, the report's own (furthest behind first).</summary>
    public static IReadOnlyList<AreaProgress> Sorted(IReadOnlyList<AreaProgress> lines, string? sort, string? direction)
    {
        if (sort is null || !SortKeys.Contains(sort)) return lines;
        var down = direction == "turun";
        IOrderedEnumerable<AreaProgress> By<TKey>(Func<AreaProgress, TKey> key, IComparer<TKey>? comparer = null) =>
            down ? lines.OrderByDescending(key, comparer) : lines.OrderBy(key, comparer);
        return [.. (sort switch
        {
            "wilayah" => By(l => l.Name, StringComparer.Ordinal),
            "hari" => By(l => l.Today),
            "keluarga" => By(l => l.Families),
            "target" => By(l => l.Target ?? -1),
            "persen" => By(l => l.Percent ?? -1m),
            _ => By(l => l.Berisiko),
        }).ThenBy(l => l.Name, StringComparer.Ordinal)];
    }

    private static void SubAreaTable(Html page, ProgressReport report, string? sort, string? direction)
    {
        page.Raw("<div class=\"scroll\"><table id=\"subareas\"><thead><tr>");
        foreach (var (key, label, numeric) in new[] { ("wilayah", T.ColumnArea, false), ("hari", T.Today, true), ("keluarga", T.ColumnFamilies, true), ("target", T.Target, true), ("persen", T.Percent, true), ("berisiko", T.ColumnBerisiko, true) })
        {
            var active = sort == key;
            var next = active && direction != "turun" ? "turun" : "naik";
            var mark = active ? (direction == "turun" ? " ▼" : " ▲") : "";
            page.Raw(numeric ? "<th class=\"num\"" : "<th").Raw(active ? $" aria-sort=\"{(direction == "turun" ? "descending" : "ascending")}\">" : ">")
                .Link(DashboardRoutes.Area(report.Area, key, next), label + mark, $"data-sort=\"{key}\"").Raw("</th>");
        }
        page.Raw("</tr></thead><tbody>");
        foreach (var line in Sorted(report.SubAreas, sort, direction))
        {
            page.Raw($"<tr data-code=\"{Html.E(line.Code.Dotted)}\"><td>").Link(DashboardRoutes.Area(line.Code), line.Name).Raw("</td>")
                .Tag("td", N(line.Today), "class=\"num\"")
                .Tag("td", N(line.Families), "class=\"num\"")
                .Tag("td", line.Target is { } t ? N(t) : T.NoTarget, "class=\"num\"")
                .Tag("td", line.Percent is { } p ? IndonesianNumbers.Percent(p) : T.NoTarget, "class=\"num\"")
                .Tag("td", N(line.Berisiko), "class=\"num\"")
                .Raw("</tr>");
        }
        page.Raw("</tbody></table></div>");
    }

    private static void KaderTable(Html page, Viewer viewer, ProgressReport report, IReadOnlyDictionary<Guid, int> unfinished)
    {
        if (report.Kader.Count == 0)
        {
            page.Tag("p", T.NoKader);
            return;
        }
        page.Raw("<div class=\"scroll\"><table id=\"kader\"><thead><tr>").Tag("th", T.ColumnKader).Tag("th", T.Today, "class=\"num\"")
            .Tag("th", T.ColumnFamilies, "class=\"num\"").Tag("th", T.ColumnUnfinished, "class=\"num\"").Tag("th", T.ColumnLast).Raw("</tr></thead><tbody>");
        foreach (var k in report.Kader.OrderBy(k => DashboardData.KaderLabel(Guid.Parse(k.PersonId)), StringComparer.Ordinal))
        {
            var id = Guid.Parse(k.PersonId);
            page.Raw("<tr>").Tag("td", DashboardData.KaderLabel(id))
                .Tag("td", N(k.Today), "class=\"num\"")
                .Tag("td", N(k.Families), "class=\"num\"")
                .Tag("td", N(unfinished.GetValueOrDefault(id)), "class=\"num\"")
                .Tag("td", k.LastActivityAt is { } at ? viewer.Local(at) : T.Never)
                .Raw("</tr>");
        }
        page.Raw("</tbody></table></div>").Tag("p", T.KaderLabelNote, "class=\"muted\"");
    }

    public static string Kader(Viewer viewer, ProgressReport report, RegionDirectory regions, IReadOnlyList<(Guid Id, RegionCode Region)> unlinked)
    {
        var name = ReportText.AreaName(report.Area, regions);
        var page = new Html().Tag("h1", T.KaderHeading(name));
        string RegionName(RegionCode code) => regions.Exists(code) ? ReportText.AreaName(code, regions) : code.Dotted;

        page.Tag("h2", T.Unlinked);
        if (unlinked.Count == 0) page.Tag("p", T.UnlinkedNone);
        else
        {
            page.Raw("<table id=\"unlinked\"><thead><tr>").Tag("th", T.ColumnKader).Tag("th", T.ColumnRegion).Raw("</tr></thead><tbody>");
            foreach (var (id, region) in unlinked)
                page.Raw("<tr>").Tag("td", DashboardData.KaderLabel(id)).Tag("td", RegionName(region)).Raw("</tr>");
            page.Raw("</tbody></table>");
        }

        page.Tag("h2", T.Idle(report.IdleDays));
        if (report.IdleKader.Count == 0) page.Tag("p", T.IdleNone);
        else
        {
            page.Raw("<div class=\"scroll\"><table id=\"idle\"><thead><tr>").Tag("th", T.ColumnKader).Tag("th", T.ColumnRegion)
                .Tag("th", T.ColumnFamilies, "class=\"num\"").Tag("th", T.ColumnLastFamily).Raw("</tr></thead><tbody>");
            foreach (var k in report.IdleKader)
                page.Raw("<tr>").Tag("td", DashboardData.KaderLabel(Guid.Parse(k.PersonId))).Tag("td", RegionName(k.Region))
                    .Tag("td", N(k.Families), "class=\"num\"").Tag("td", k.LastFamilyAt is { } at ? viewer.Local(at) : T.Never).Raw("</tr>");
            page.Raw("</tbody></table></div>");
        }
        page.Tag("p", T.KaderLabelNote, "class=\"muted\"");
        return Layout(T.NavKader, page.ToString(), viewer, "kader");
    }

    public static string Core(Viewer viewer, ForwardingSnapshot status, IReadOnlyList<SetAsideRecord> rejected, IReadOnlyList<SetAsideRecord> conflicts, string? notice)
    {
        var page = new Html().Tag("h1", T.CoreHeading);
        if (notice is not null) page.Tag("p", notice, "class=\"notice\" id=\"notice\"");
        page.Raw("<dl class=\"cards\">");
        Card(page, "waiting", T.CoreWaiting, N(status.Waiting));
        Card(page, "oldest", T.CoreOldest, status.OldestWaitingAge is { } age ? IndonesianNumbers.Age(age) : T.None);
        Card(page, "delivered", T.CoreDelivered, N(status.Delivered));
        Card(page, "rejected", T.CoreRejected, N(status.Rejected));
        Card(page, "conflicts", T.CoreConflicts, N(status.Conflicts));
        page.Raw("</dl><dl class=\"facts\">")
            .Tag("dt", T.CoreLastSuccess).Tag("dd", status.LastSuccessAt is { } ok ? viewer.Local(ok) : T.None)
            .Tag("dt", T.CoreLastError).Tag("dd", status.LastErrorAt is { } bad ? $"{viewer.Local(bad)}: {status.LastError}" : T.None)
            .Raw("</dl>");

        page.Tag("h2", T.CoreRejected);
        SetAsideTable(page, viewer, "rejected-list", rejected);
        if (rejected.Count > 0)
        {
            page.Raw($"<form method=\"post\" action=\"{DashboardRoutes.Resend}\">");
            Antiforgery(page, viewer);
            page.Raw("<input type=\"hidden\" name=\"semua\" value=\"1\"><button type=\"submit\" id=\"resend-all\">").Text(T.ResendAll).Raw("</button></form>");
        }
        page.Tag("h2", T.CoreConflicts);
        SetAsideTable(page, viewer, "conflict-list", conflicts);
        return Layout(T.NavCore, page.ToString(), viewer, "pusat");
    }

    private static void SetAsideTable(Html page, Viewer viewer, string id, IReadOnlyList<SetAsideRecord> records)
    {
        if (records.Count == 0)
        {
            page.Tag("p", T.NoneSetAside);
            return;
        }
        page.Raw($"<div class=\"scroll\"><table id=\"{id}\"><thead><tr>").Tag("th", T.ColumnRecord).Tag("th", T.ColumnVersion, "class=\"num\"")
            .Tag("th", T.ColumnSubmitted).Tag("th", T.ColumnReasonCore).Tag("th", "").Raw("</tr></thead><tbody>");
        foreach (var r in records)
        {
            page.Raw("<tr>").Tag("td", r.RecordId.ToString("D"), "class=\"id\"").Tag("td", N(r.Version), "class=\"num\"")
                .Tag("td", viewer.Local(r.SubmittedAt)).Tag("td", r.Reason).Raw("<td>")
                .Raw($"<form method=\"post\" action=\"{DashboardRoutes.Resend}\" class=\"inline\">");
            Antiforgery(page, viewer);
            page.Raw("<input type=\"hidden\" name=\"record\" value=\"").Text(r.RecordId.ToString("D")).Raw("\"><button type=\"submit\">").Text(T.Resend).Raw("</button></form></td></tr>");
        }
        page.Raw("</tbody></table></div>");
    }

    public static string Download(Viewer viewer, RegionCode area, RegionDirectory regions)
    {
        var page = new Html().Tag("h1", T.DownloadHeading(ReportText.AreaName(area, regions)));
        page.Tag("p", T.DownloadNote).Raw("<ul class=\"downloads\">")
            .Raw("<li>").Link(DashboardRoutes.Xlsx(area), T.DownloadXlsx, "id=\"xlsx\"").Raw("</li>")
            .Raw("<li>").Link(DashboardRoutes.Csv(area, "keluarga"), T.DownloadCsvFamilies, "id=\"csv-keluarga\"").Raw("</li>")
            .Raw("<li>").Link(DashboardRoutes.Csv(area, "anggota"), T.DownloadCsvMembers, "id=\"csv-anggota\"").Raw("</li>")
            .Raw("</ul>");
        if (viewer.IsAdmin)
        {
            page.Tag("h2", T.DownloadPiiHeading).Tag("p", T.DownloadPiiNote, "class=\"warning\"")
                .Raw($"<form method=\"post\" action=\"{DashboardRoutes.DownloadPii}\">");
            Antiforgery(page, viewer);
            page.Raw("<input type=\"hidden\" name=\"wilayah\" value=\"").Text(area.Dotted).Raw("\"><button type=\"submit\" id=\"pii\">").Text(T.DownloadPiiButton).Raw("</button></form>");
        }
        return Layout(T.NavDownload, page.ToString(), viewer, "unduh");
    }

    public const string Stylesheet = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --accent: #0b6e4f; --bg: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem; background: var(--accent); color: #fff; }
        header a, header .link { color: #fff; }
        .brand { font-size: 1.1rem; margin-right: auto; }
        nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; align-items: center; }
        nav a[aria-current] { font-weight: 700; text-decoration: underline; }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
        footer { max-width: 1100px; margin: 0 auto; padding: 0 1rem 2rem; color: var(--muted); font-size: .85rem; }
        h1 { font-size: 1.35rem; margin: .3rem 0; }
        h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .muted { color: var(--muted); font-size: .9rem; }
        .crumbs { font-size: .95rem; margin: .2rem 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .6rem; margin: .8rem 0; }
        .cards div { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }
        .cards dt { color: var(--muted); font-size: .85rem; }
        .cards dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
        .facts dt { font-weight: 600; } .facts dd { margin: 0 0 .5rem; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
        th, td { padding: .45rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: #eef1f5; white-space: nowrap; }
        th a { color: var(--ink); }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .id { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
        figure { margin: 1rem 0; }
        figure img { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
        button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
        button.link { background: none; border: none; padding: 0; text-decoration: underline; }
        form.inline { display: inline; }
        .message { font-size: 1.1rem; }
        .notice { background: #e6f4ea; border: 1px solid #9ccfaa; padding: .5rem .8rem; border-radius: 6px; }
        .warning { background: #fff4e5; border: 1px solid #f0c48a; padding: .5rem .8rem; border-radius: 6px; }
        .downloads li { margin: .4rem 0; }
        @media (max-width: 600px) { body { font-size: 15px; } th, td { padding: .35rem .4rem; } .cards dd { font-size: 1.25rem; } }
        """;
}
