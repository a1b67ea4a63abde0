using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Turns;
using PK.Bot.Persistence;
using PK.Bot.Reporting;
using PK.Domain.Indicators;
using PK.Domain.Records;

namespace PK.Bot.Tests.Support;

/// <summary>Submitted families written as the submit turn writes them (record + facts), without walking the form for each.</summary>
public static class FamilySet
{
    public const string KkNik = "3313011708750001";
    public const string KkName = "Budi Santoso";
    public const string Phone = "6281311112222";

    public static FamilyRecord Record(string desa, Guid kaderId, DateTimeOffset submittedAt, bool berisiko = false, Guid? id = null, int version = 1) =>
        new(
            id ?? Guid.NewGuid(), version, "pk21", "2021.1",
            new RecordRegion(desa[..2], desa[..5], desa[..8], desa),
            kaderId.ToString(), submittedAt.AddMinutes(-25), submittedAt, DateOnly.FromDateTime(submittedAt.UtcDateTime), false,
            new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["alamat"] = "Jl. Melati 5, \"Gang\" Mawar",
                ["telepon"] = Phone,
                ["rt"] = 3L,
                ["jumlah_anggota"] = 2L,
                ["pk_air_minum"] = 3,
                ["pk_jamban"] = berisiko ? 4 : 1,
                ["pk_sumber_petugas"] = new[] { 2, 9 },
            },
            [
                new SortedDictionary<string, object>(StringComparer.Ordinal)
                {
                    ["nomor"] = 1, ["nama"] = KkName, ["nik"] = KkNik, ["jenis_kelamin"] = 1, ["tanggal_lahir"] = "1975-08-17", ["umur"] = 45L,
                },
                new SortedDictionary<string, object>(StringComparer.Ordinal)
                {
                    ["nomor"] = 2, ["nama"] = "Siti Aminah", ["nik"] = "3313014211820002", ["jenis_kelamin"] = 2, ["tanggal_lahir"] = "1982-11-02", ["umur"] = 38L,
                },
            ],
            new FamilyIndicators(true, false, false, true, false, false, true, berisiko,
                berisiko ? [new RiskReason("jamban_tidak_layak", "Tempat BAB kode 4.")] : [], DateOnly.FromDateTime(submittedAt.UtcDateTime)),
            new AuditSummary(25, 0, 40));

    public static async Task AddAsync(BotFixture bot, Guid kaderId, FamilyRecord record, ForwardStatus status = ForwardStatus.Pending)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        db.SubmittedRecords.Add(new SubmittedRecord
        {
            RecordId = record.RecordId,
            Version = record.Version,
            PayloadJson = JsonSerializer.Serialize(record, ConversationTurnHandler.RecordJson),
            SubmittedAt = record.SubmittedAt,
            ForwardStatus = status,
            DeliveredAt = status == ForwardStatus.Delivered ? record.SubmittedAt.AddMinutes(1) : null,
        });
        await FamilyFacts.SaveAsync(db, [FamilyFacts.Of(record, kaderId)], CancellationToken.None);
        await db.SaveChangesAsync();
    }

    public static async Task AddTargetAsync(BotFixture bot, string region, int target)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        db.AreaTargets.Add(new AreaTarget { RegionCode = region, TargetFamilies = target, ImportedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>A local wall-clock time in WIB.</summary>
    public static DateTimeOffset Wib(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
