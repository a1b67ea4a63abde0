namespace PK.Domain.Interviews;

/// <summary>Why an answer stands in the way of submission.</summary>
public enum ProblemKind
{
    /// <summary>A required question is not answered.</summary>
    Missing,
    /// <summary>An answer no longer applies after a change.</summary>
    NoLongerApplies,
    /// <summary>An answer breaks one of its item's rules (<see cref="InterviewProblem.Rule"/> says which).</summary>
    BrokenRule,
}

/// <summary>One thing in the way of submission, about one answer.</summary>
public sealed record InterviewProblem(AnswerKey Key, ProblemKind Kind, string? Rule = null);
