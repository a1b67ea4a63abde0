using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>A platform message already applied: a redelivery finds it here and changes nothing.</summary>
public sealed class ProcessedMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    /// <summary>Part of the key because some platforms (Telegram's message_id) number messages per chat.</summary>
    public required string ChatId { get; set; }
    public required string MessageId { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> message)
    {
        message.ToTable("processed_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Channel).HasMaxLength(16);
        message.Property(m => m.ChatId).HasMaxLength(64);
        message.Property(m => m.MessageId).HasMaxLength(128);
        message.HasIndex(m => new { m.Channel, m.ChatId, m.MessageId }).IsUnique();
    }
}
