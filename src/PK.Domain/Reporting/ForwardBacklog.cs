using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>Submitted families not yet in the core database.</summary>
public sealed record ForwardBacklog(int Waiting, DateTimeOffset? OldestSubmittedAt);
