using System.IO.Compression;
using System.Net;
using PK.Bot.Dashboard;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Dashboard;

/// <summary>Pusat (forward status, set-aside records, kirim ulang) and the audited download with personal data: admin only.</summary>
public sealed class DashboardAdminTests
{
    [Fact]
    public async Task PusatListsRejectedRecordsWithTheCoresReasonAndKirimUlangQueuesThemAgain()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var admin = await world.SignedInAsync("Admin");
        var page = await admin.GetAsync("/dasbor/pusat");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("14", page.Field("waiting"));
        Assert.Equal("1", page.Field("rejected"));
        Assert.Contains(world.RejectedRecord.ToString("D"), page.Body);
        Assert.Contains("kode wilayah RT tidak dikenal", page.Body);

        var after = await admin.SubmitAsync(page, "/dasbor/pusat/kirim-ulang", ("record", world.RejectedRecord.ToString("D")));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(DashboardTexts.Resent(1), after.Field("notice"));
        Assert.Equal(ForwardStatus.Pending, await world.Bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.RecordId == world.RejectedRecord).Select(r => r.ForwardStatus).SingleAsync()));
        Assert.Equal("0", after.Field("rejected"));

        // "Kirim ulang semua" with nothing left rejected says so.
        var none = await admin.SubmitAsync(after, "/dasbor/pusat/kirim-ulang", ("semua", "1"));
        Assert.Equal(DashboardTexts.ResentNothing, none.Field("notice"));
    }

    [Fact]
    public async Task KirimUlangSemuaQueuesEveryRejectedRecord()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        var second = Guid.NewGuid();
        await FamilySet.AddAsync(world.Bot, world.People["Wartini"].Id, FamilySet.Record("33.13.02.2001", world.People["Wartini"].Id, FamilySet.Wib(4, 12, 11), id: second), ForwardStatus.Rejected);
        using var admin = await world.SignedInAsync("Admin");
        var page = await admin.GetAsync("/dasbor/pusat");
        Assert.Equal("2", page.Field("rejected"));
        var after = await admin.SubmitAsync(page, "/dasbor/pusat/kirim-ulang", ("semua", "1"));
        Assert.Equal(DashboardTexts.Resent(2), after.Field("notice"));
        Assert.Equal(0, await world.Bot.QueryAsync(db => db.SubmittedRecords.CountAsync(r => r.ForwardStatus == ForwardStatus.Rejected)));
    }

    [Fact]
    public async Task AKoordinatorCannotOpenPusatNorResend()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var koordinator = await world.SignedInAsync("KoorKaranganyar");
        Assert.Equal(HttpStatusCode.Forbidden, (await koordinator.GetAsync("/dasbor/pusat")).Status);
        var home = await koordinator.GetAsync("/dasbor");
        Assert.DoesNotContain("/dasbor/pusat", home.Body);
        var refused = await koordinator.SubmitAsync(home, "/dasbor/pusat/kirim-ulang", ("semua", "1"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(ForwardStatus.Rejected, await world.Bot.QueryAsync(db => db.SubmittedRecords.Where(r => r.RecordId == world.RejectedRecord).Select(r => r.ForwardStatus).SingleAsync()));
    }

    [Fact]
    public async Task OnlyAnAdminDownloadsPersonalDataAndEachDownloadIsAudited()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var koordinator = await world.SignedInAsync("KoorKaranganyar");
        var unduh = await koordinator.GetAsync("/dasbor/unduh");
        Assert.DoesNotContain("/dasbor/unduh/pribadi", unduh.Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await koordinator.SubmitAsync(unduh, "/dasbor/unduh/pribadi", ("wilayah", "33.13"))).Status);
        Assert.Equal(0, await world.Bot.QueryAsync(db => db.PiiDownloads.CountAsync()));

        using var admin = await world.SignedInAsync("Admin");
        var page = await admin.GetAsync("/dasbor/unduh?wilayah=33.13.02");
        Assert.Contains("/dasbor/unduh/pribadi", page.Body);
        var (name, value) = page.Antiforgery();
        var posted = await admin.PostAsync("/dasbor/unduh/pribadi", [new(name, value), new("wilayah", "33.13.02")], follow: false);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains("pribadi.xlsx", posted.Response.Content.Headers.ContentDisposition!.FileName);
        using var zip = new ZipArchive(new MemoryStream(await posted.Response.Content.ReadAsByteArrayAsync()));
        var members = new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open()).ReadToEnd();
        Assert.Contains(FamilySet.KkName, members);
        Assert.Contains(FamilySet.KkNik, members);

        var audit = await world.Bot.QueryAsync(db => db.PiiDownloads.SingleAsync());
        Assert.Equal(world.People["Admin"].Id, audit.PersonId);
        Assert.Equal("33.13.02", audit.RegionCode);
        Assert.Equal(world.Clock.GetUtcNow(), audit.DownloadedAt);
    }
}
