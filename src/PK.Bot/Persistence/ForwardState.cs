using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>The forwarder's own health, one row: what <c>forward status</c> and the reports show about the core.</summary>
public sealed class ForwardState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The last failure needs an operator (the core refuses our credentials); retries continue slowly.</summary>
    public bool ConfigurationError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
}

internal sealed class ForwardStateConfiguration : IEntityTypeConfiguration<ForwardState>
{
    public void Configure(EntityTypeBuilder<ForwardState> state)
    {
        state.ToTable("forward_state");
        state.HasKey(s => s.Id);
        state.Property(s => s.Id).ValueGeneratedNever();
        state.Property(s => s.LastError).HasMaxLength(500);
    }
}
