using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Bot.Reporting;

namespace PK.Bot.Tests.Support;

/// <summary>Helpers for files the bot sends: the daily report queued as the schedule would, and checks on what arrived.</summary>
public static class Attachments
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Composes the koordinator's daily report (text, then chart) and queues it on their chat, as the 17:00 schedule does.</summary>
    public static async Task QueueDailyReportAsync(BotFixture bot, Person koordinator, ChatKey chat)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = bot.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var payloads = await scope.ServiceProvider.GetRequiredService<DailyReports>()
            .KoordinatorPayloadsAsync(koordinator, DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime), now, CancellationToken.None);
        await PK.Bot.Channels.OutboxWriter.QueueAsync(db, chat, payloads, now, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    public static bool IsPng(byte[] bytes) => bytes.AsSpan().StartsWith(PngSignature);

    /// <summary>The entry names of an XLSX (a zip); throws if the bytes are not a valid zip.</summary>
    public static IReadOnlyList<string> ZipEntries(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            // Reading every entry checks its compressed data, not just the directory.
            using var stream = entry.Open();
            stream.CopyTo(Stream.Null);
        }
        return [.. zip.Entries.Select(e => e.FullName)];
    }
}
