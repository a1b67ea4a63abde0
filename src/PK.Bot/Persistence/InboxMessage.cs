using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>A webhook delivery stored before it is acknowledged to the platform, applied afterwards.</summary>
public sealed class InboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string PlatformId { get; set; }
    public required string RawPayload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> message)
    {
        message.ToTable("inbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Channel).HasMaxLength(16);
        message.Property(m => m.PlatformId).HasMaxLength(128);
        message.Property(m => m.RawPayload).IsEncrypted();
        message.HasIndex(m => new { m.Channel, m.PlatformId }).IsUnique();
        message.HasIndex(m => m.ProcessedAt);
    }
}
