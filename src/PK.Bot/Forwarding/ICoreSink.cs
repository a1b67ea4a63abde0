namespace PK.Bot.Forwarding;

/// <summary>
/// The core database as the forwarder sees it. A sink answers for every record of a batch it could judge
/// (accepted, conflict, rejected, or try again) and throws <see cref="CoreUnavailableException"/> or any other
/// exception when it could not judge the batch at all: then nothing of the batch counts as delivered.
/// </summary>
public interface ICoreSink
{
    Task<IReadOnlyList<RecordOutcome>> DeliverAsync(IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken);
}

public enum OutcomeKind
{
    /// <summary>The core has this version (now or from before, with the same content).</summary>
    Accepted,
    /// <summary>The core has this id and version with different content; set aside, never overwritten.</summary>
    Conflict,
    /// <summary>The core refuses the record itself (invalid data); set aside until an admin re-sends it.</summary>
    Rejected,
    /// <summary>Not delivered this time (the core is down or refuses our credentials); stays waiting.</summary>
    Retry,
}

public sealed record RecordOutcome(CoreRecord Record, OutcomeKind Kind, string? Reason = null, bool ConfigurationError = false)
{
    public static RecordOutcome Accepted(CoreRecord record) => new(record, OutcomeKind.Accepted);
}

/// <summary>The core could not take a batch; <see cref="ConfigurationError"/> when retrying will not help until an operator acts.</summary>
public sealed class CoreUnavailableException(string message, bool configurationError = false, Exception? inner = null) : Exception(message, inner)
{
    public bool ConfigurationError { get; } = configurationError;
}
