using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// A WhatsApp number that has written to the bot: when it last did, which opens WhatsApp's 24-hour window for
/// free-form replies, and when WhatsApp said the window was closed after all (error 131047).
/// </summary>
public sealed class WhatsAppContact
{
    /// <summary>WhatsApp's customer-service window after the person's last message.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Sends this close to the window's end are not risked: they go as templates or wait.</summary>
    public static readonly TimeSpan WindowMargin = TimeSpan.FromMinutes(2);

    /// <summary>WhatsApp's timestamps are whole seconds: a message in the same second as a "window closed" came after it.</summary>
    private static readonly TimeSpan TimestampPrecision = TimeSpan.FromSeconds(1);

    /// <summary>The sender's number as WhatsApp gives it (wa_id, digits).</summary>
    public required string WaId { get; set; }
    public DateTimeOffset LastInboundAt { get; set; }
    public DateTimeOffset? WindowClosedAt { get; set; }

    public bool WindowOpen(DateTimeOffset now) =>
        now < LastInboundAt + Window - WindowMargin && (WindowClosedAt is null || WindowClosedAt < LastInboundAt + TimestampPrecision);
}

internal sealed class WhatsAppContactConfiguration : IEntityTypeConfiguration<WhatsAppContact>
{
    public void Configure(EntityTypeBuilder<WhatsAppContact> contact)
    {
        contact.ToTable("whatsapp_contacts");
        contact.HasKey(c => c.WaId);
        contact.Property(c => c.WaId).HasMaxLength(32);
    }
}
