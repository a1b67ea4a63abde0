using PK.Domain.Indicators;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Records;

/// <summary>How the interview went: how long it took and how much was changed.</summary>
public sealed record AuditSummary(double DurationMinutes, int AnswersChanged, int Answers);
