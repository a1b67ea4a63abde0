using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>One person of a roster file. <paramref name="Role"/> null means <c>nonaktif</c>: deactivate them.</summary>
public sealed record RosterEntry(string Name, PhoneNumber Phone, Role? Role, RegionCode Region, int? TargetFamilies, int LineNumber);
