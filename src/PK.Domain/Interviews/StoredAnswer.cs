using PK.Domain.Answers;

namespace PK.Domain.Interviews;

/// <summary>One stored answer.</summary>
public sealed record StoredAnswer(string Key, AnswerValue Value);
