using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>A chat on a channel, proven to belong to a roster person.</summary>
public sealed class ChatLink
{
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

internal sealed class ChatLinkConfiguration : IEntityTypeConfiguration<ChatLink>
{
    public void Configure(EntityTypeBuilder<ChatLink> link)
    {
        link.ToTable("chat_links");
        link.HasKey(l => new { l.Channel, l.ChatId });
        link.Property(l => l.Channel).HasMaxLength(16);
        link.Property(l => l.ChatId).HasMaxLength(64);
        link.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
