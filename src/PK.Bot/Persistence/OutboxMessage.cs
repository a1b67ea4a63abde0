using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PK.Bot.Channels;

namespace PK.Bot.Persistence;

/// <summary>A reply committed with its turn and sent afterwards, in <see cref="Sequence"/> order per chat.</summary>
public sealed class OutboxMessage
{
    private string payloadJson = "";
    private OutboxPayload? payload;

    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public long Sequence { get; set; }
    /// <summary>The <see cref="OutboxPayload"/> as JSON (encrypted: replies echo names).</summary>
    public required string PayloadJson
    {
        get => payloadJson;
        set
        {
            payloadJson = value;
            payload = null;
        }
    }

    /// <summary>The payload, parsed once per row however many hands it passes through on its way out.</summary>
    public OutboxPayload Payload => payload ??= OutboxPayload.Parse(payloadJson);
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Channel).HasMaxLength(16);
        message.Property(m => m.ChatId).HasMaxLength(64);
        message.Property(m => m.PayloadJson).IsEncrypted();
        message.Ignore(m => m.Payload);
        message.Property(m => m.LastError).HasMaxLength(500);
        message.HasIndex(m => new { m.Channel, m.ChatId, m.Sequence }).IsUnique();
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
