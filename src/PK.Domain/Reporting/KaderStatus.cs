using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>One kader's work: families recorded, today's, the last submission and the last activity of any kind.</summary>
public sealed record KaderStatus(string PersonId, string Name, RegionCode Region, int? Target, int Families, int Today, DateTimeOffset? LastFamilyAt, DateTimeOffset? LastActivityAt);
