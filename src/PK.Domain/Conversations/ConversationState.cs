using System.Text.Json.Serialization;

namespace PK.Domain.Conversations;

/// <summary>Per-chat state between turns (stored by the host as JSON, System.Text.Json defaults).</summary>
public sealed class ConversationState
{
    private string? _legacyPending;
    private List<string>? _legacyOptions;

    public Guid? ActiveInterview { get; set; }

    /// <summary>A pick the kader was asked to make, if any.</summary>
    public PendingPick? Pick { get; set; }

    /// <summary>When the last refusal was made: messages sent before it (a burst typed offline) are held, not applied.</summary>
    public DateTimeOffset? RefusedAt { get; set; }

    // The stored form before picks were typed: "Pending" (a word) and "PendingOptions" (strings). Read, never written.
    [JsonInclude, JsonPropertyName("Pending"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private string? LegacyPending
    {
        get => null;
        set
        {
            _legacyPending = value;
            UpgradeLegacy();
        }
    }

    [JsonInclude, JsonPropertyName("PendingOptions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private List<string>? LegacyPendingOptions
    {
        get => null;
        set
        {
            _legacyOptions = value;
            UpgradeLegacy();
        }
    }

    private void UpgradeLegacy()
    {
        if (_legacyPending is not null) Pick = PendingPick.FromLegacy(_legacyPending, _legacyOptions ?? []);
    }
}
