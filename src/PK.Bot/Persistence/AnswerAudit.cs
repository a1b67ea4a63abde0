using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>One change of one answer, as a supervisor reads it in `audit RECORD_ID`.</summary>
public sealed class AnswerAudit
{
    public long Id { get; set; }
    public Guid RecordId { get; set; }
    public required string ItemKey { get; set; }
    public required string ItemId { get; set; }
    public int? Member { get; set; }
    /// <summary>The AnswerValue as JSON (encrypted), null when there was none.</summary>
    public string? PreviousValueJson { get; set; }
    public string? ValueJson { get; set; }
    /// <summary>set, changed, dropped, auto.</summary>
    public required string Kind { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class AnswerAuditConfiguration : IEntityTypeConfiguration<AnswerAudit>
{
    public void Configure(EntityTypeBuilder<AnswerAudit> audit)
    {
        audit.ToTable("answer_audit");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.ItemKey).HasMaxLength(32);
        audit.Property(a => a.ItemId).HasMaxLength(64);
        audit.Property(a => a.Kind).HasMaxLength(16);
        audit.Property(a => a.PreviousValueJson).IsEncrypted();
        audit.Property(a => a.ValueJson).IsEncrypted();
        audit.HasIndex(a => new { a.RecordId, a.Id });
    }
}
