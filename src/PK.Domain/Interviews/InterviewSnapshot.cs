using PK.Domain.Answers;

namespace PK.Domain.Interviews;

/// <summary>
/// Everything an interview is, as the host stores it (JSON). The <see cref="Interview"/> aggregate is built
/// from it and writes back to it; nothing else should change it.
/// </summary>
public sealed class InterviewSnapshot
{
    public Guid RecordId { get; set; }
    public int Version { get; set; } = 1;
    public string FormId { get; set; } = "";
    public string FormVersion { get; set; } = "";
    public string KaderId { get; set; } = "";
    /// <summary>The desa, dotted (<c>33.13.01.2001</c>).</summary>
    public string RegionCode { get; set; } = "";
    public string Phase { get; set; } = "Answering";
    public InterviewStatus Status { get; set; } = InterviewStatus.InProgress;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateOnly InterviewDate { get; set; }
    public List<StoredAnswer> Answers { get; set; } = [];
    /// <summary>Optional items the kader skipped (they count as answered, empty).</summary>
    public List<string> Skipped { get; set; } = [];
    /// <summary>Answers the engine filled (Tidak Berlaku); asked again if the item becomes relevant.</summary>
    public List<string> AutoFilled { get; set; } = [];
    /// <summary>The question the kader went back or jumped to; null = the first unanswered one.</summary>
    public string? Focus { get; set; }
    /// <summary>An answer waiting for the kader to confirm a warning (e.g. a sex that differs from the NIK).</summary>
    public StoredAnswer? PendingAnswer { get; set; }
    public string? PendingWarning { get; set; }
    /// <summary>The phase to return to when a cancel is called off.</summary>
    public string? PhaseBeforeCancel { get; set; }
    public string? DuplicateOf { get; set; }
    public string? DuplicateDescription { get; set; }
    public bool DeliberateDuplicate { get; set; }
    /// <summary>How many answers were changed after first being given (for the audit summary).</summary>
    public int ChangeCount { get; set; }
    /// <summary>Natural key: desa + RW + RT + No. Rumah + No. Urut, once all are known.</summary>
    public string? FamilyKey { get; set; }
    /// <summary>The KK's NIK, once known (the host stores only a keyed hash of it beside the encrypted snapshot).</summary>
    public string? KkNik { get; set; }

    /// <summary>
    /// An independent copy, as a JSON round trip would make it but without the text: the lists are new, the answers
    /// (immutable values) are shared. A property added here must be added to the copy (a test checks every one).
    /// </summary>
    internal InterviewSnapshot Copy() => new()
    {
        RecordId = RecordId,
        Version = Version,
        FormId = FormId,
        FormVersion = FormVersion,
        KaderId = KaderId,
        RegionCode = RegionCode,
        Phase = Phase,
        Status = Status,
        StartedAt = StartedAt,
        UpdatedAt = UpdatedAt,
        SubmittedAt = SubmittedAt,
        InterviewDate = InterviewDate,
        Answers = [.. Answers],
        Skipped = [.. Skipped],
        AutoFilled = [.. AutoFilled],
        Focus = Focus,
        PendingAnswer = PendingAnswer,
        PendingWarning = PendingWarning,
        PhaseBeforeCancel = PhaseBeforeCancel,
        DuplicateOf = DuplicateOf,
        DuplicateDescription = DuplicateDescription,
        DeliberateDuplicate = DeliberateDuplicate,
        ChangeCount = ChangeCount,
        FamilyKey = FamilyKey,
        KkNik = KkNik,
    };
}
