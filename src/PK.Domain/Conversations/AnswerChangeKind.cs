namespace PK.Domain.Conversations;

/// <summary>What happened to an answer, for the audit. Stored as <see cref="AnswerChangeKinds.StoredText"/> ("set", "changed", "dropped", "auto").</summary>
public enum AnswerChangeKind
{
    /// <summary>Given for the first time.</summary>
    Set,
    /// <summary>Changed (or skipped) after first being given.</summary>
    Changed,
    /// <summary>Removed because it no longer applies.</summary>
    Dropped,
    /// <summary>Filled by the engine (Tidak Berlaku).</summary>
    Auto,
}
