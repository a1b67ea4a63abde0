using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Channels.WhatsApp;

public enum DeliveryStatus
{
    /// <summary>The Graph API took it and gave it a wamid.</summary>
    Accepted,
    Sent,
    Delivered,
    Read,
    Failed,
}

/// <summary>
/// One WhatsApp message sent for one part of an outbox reply (a long reply goes as several parts), by the wamid
/// the Graph API returned; delivery statuses from the webhook are recorded here.
/// </summary>
public sealed class WhatsAppDelivery
{
    public required string Wamid { get; set; }
    /// <summary>The outbox reply it belongs to; null for a notice sent outside the outbox.</summary>
    public long? OutboxMessageId { get; set; }
    public int Part { get; set; }
    public DeliveryStatus Status { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? StatusAt { get; set; }
    /// <summary>The Graph error code of a failed delivery.</summary>
    public int? ErrorCode { get; set; }
}

internal sealed class WhatsAppDeliveryConfiguration : IEntityTypeConfiguration<WhatsAppDelivery>
{
    public void Configure(EntityTypeBuilder<WhatsAppDelivery> delivery)
    {
        delivery.ToTable("whatsapp_deliveries");
        delivery.HasKey(d => d.Wamid);
        delivery.Property(d => d.Wamid).HasMaxLength(128);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.HasIndex(d => new { d.OutboxMessageId, d.Part });
    }
}
