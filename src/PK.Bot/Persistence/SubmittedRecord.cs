using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>A submitted family (one version), queued for the core database in the turn that submitted it.</summary>
public sealed class SubmittedRecord
{
    public long Id { get; set; }
    public Guid RecordId { get; set; }
    public int Version { get; set; }
    /// <summary>The domain's FamilyRecord as camelCase JSON (encrypted: it carries NIKs and names).</summary>
    public required string PayloadJson { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public ForwardStatus ForwardStatus { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum ForwardStatus { Pending, Delivered, Rejected, Conflict }

/// <summary>
/// How many submitted records are in one forwarding status: kept by database triggers in the statement that inserts,
/// deletes or changes the status of a record (see the <c>ForwardStatusCounts</c> migration), so <c>forward status</c>,
/// the health check and the dashboard's Pusat read four rows instead of counting every record.
/// </summary>
public sealed class ForwardCount
{
    public ForwardStatus Status { get; set; }
    public int Records { get; set; }
}

internal sealed class ForwardCountConfiguration : IEntityTypeConfiguration<ForwardCount>
{
    public void Configure(EntityTypeBuilder<ForwardCount> count)
    {
        count.ToTable("forward_counts");
        count.HasKey(c => c.Status);
        count.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class SubmittedRecordConfiguration : IEntityTypeConfiguration<SubmittedRecord>
{
    public void Configure(EntityTypeBuilder<SubmittedRecord> record)
    {
        // AFTER triggers keep area_backlog in step (SQLite's RETURNING clause does not work with them).
        record.ToTable("submitted_records", t => t.UseSqlReturningClause(false));
        record.HasKey(r => r.Id);
        record.HasIndex(r => new { r.RecordId, r.Version }).IsUnique();
        record.Property(r => r.PayloadJson).IsEncrypted();
        record.Property(r => r.ForwardStatus).HasConversion<string>().HasMaxLength(16);
        record.Property(r => r.LastError).HasMaxLength(500);
        record.HasIndex(r => new { r.ForwardStatus, r.NextAttemptAt });
        // The forwarder's queue: waiting records in submission order.
        record.HasIndex(r => new { r.ForwardStatus, r.Id });
        // Covers the reports' backlog count: the payload (kilobytes per row) is never read to count what waits.
        record.HasIndex(r => new { r.ForwardStatus, r.RecordId, r.SubmittedAt });
    }
}
