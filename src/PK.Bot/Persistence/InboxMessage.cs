using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>
/// Something a platform delivered, stored before it is acknowledged and applied afterwards by the inbox pipeline
/// (a Telegram update, a WhatsApp message or delivery status). Exactly one of three states: waiting
/// (<see cref="ProcessedAt"/> and <see cref="SetAsideAt"/> both null), applied, or set aside after its tries.
/// </summary>
public sealed class InboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string PlatformId { get; set; }
    /// <summary>The chat it belongs to, when known (rows stored before this column existed learn it when applied).</summary>
    public string? ChatId { get; set; }
    public required string RawPayload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>Failed tries so far.</summary>
    public int Attempts { get; set; }
    /// <summary>Not tried again before this (after a failure); its chat's later items wait for it.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>The last failure: exception type and a masked message, never the payload.</summary>
    public string? LastError { get; set; }
    /// <summary>When it was given up on after its tries; <c>inbox retry</c> puts it back.</summary>
    public DateTimeOffset? SetAsideAt { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> message)
    {
        message.ToTable("inbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Channel).HasMaxLength(16);
        message.Property(m => m.PlatformId).HasMaxLength(128);
        message.Property(m => m.ChatId).HasMaxLength(64);
        message.Property(m => m.LastError).HasMaxLength(500);
        message.Property(m => m.RawPayload).IsEncrypted();
        message.HasIndex(m => new { m.Channel, m.PlatformId }).IsUnique();
        message.HasIndex(m => m.ProcessedAt);
        message.HasIndex(m => m.SetAsideAt);
    }
}
