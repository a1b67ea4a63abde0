using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PK.Domain.Interviews;

namespace PK.Bot.Persistence;

/// <summary>One family being (or having been) recorded: the domain's InterviewSnapshot, encrypted, plus columns to query by.</summary>
public sealed class StoredInterview
{
    public Guid RecordId { get; set; }
    public int Version { get; set; }
    public Guid KaderId { get; set; }
    public required string RegionCode { get; set; }
    public InterviewStatus Status { get; set; }
    /// <summary>Keyed hash of desa + RW + RT + No. Rumah + No. Urut (<see cref="Security.DataProtector.FamilyKeyHash"/>): equal addresses match, none can be read back.</summary>
    public string? FamilyKey { get; set; }
    /// <summary>HMAC-SHA256 of the KK NIK under the data key: finds duplicates without storing the NIK in clear.</summary>
    public string? KkNikHash { get; set; }
    public required string SnapshotJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
}

internal sealed class InterviewConfiguration : IEntityTypeConfiguration<StoredInterview>
{
    public void Configure(EntityTypeBuilder<StoredInterview> interview)
    {
        interview.ToTable("interviews");
        interview.HasKey(i => i.RecordId);
        interview.Property(i => i.RegionCode).HasMaxLength(13);
        interview.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        interview.Property(i => i.FamilyKey).HasMaxLength(64);
        interview.Property(i => i.KkNikHash).HasMaxLength(64);
        interview.Property(i => i.SnapshotJson).IsEncrypted();
        interview.HasOne<Person>().WithMany().HasForeignKey(i => i.KaderId).OnDelete(DeleteBehavior.Restrict);
        // Covering: a turn's check of the kader's interviews reads only this index, never the wide encrypted rows.
        interview.HasIndex(i => new { i.KaderId, i.Status, i.SubmittedAt, i.UpdatedAt, i.RecordId });
        interview.HasIndex(i => i.FamilyKey);
        interview.HasIndex(i => i.KkNikHash);
        interview.HasIndex(i => new { i.RegionCode, i.Status });
    }
}
