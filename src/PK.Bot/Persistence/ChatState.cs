using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>Where one chat's conversation stands (the domain's ConversationState as JSON).</summary>
public sealed class ChatState
{
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string StateJson { get; set; }
    /// <summary>Optimistic concurrency: a turn that loaded an older state cannot overwrite a newer one.</summary>
    public long RowVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ChatStateConfiguration : IEntityTypeConfiguration<ChatState>
{
    public void Configure(EntityTypeBuilder<ChatState> state)
    {
        state.ToTable("chat_states");
        state.HasKey(s => new { s.Channel, s.ChatId });
        state.Property(s => s.Channel).HasMaxLength(16);
        state.Property(s => s.ChatId).HasMaxLength(64);
        state.Property(s => s.StateJson).IsEncrypted();
        state.Property(s => s.RowVersion).IsConcurrencyToken();
    }
}
