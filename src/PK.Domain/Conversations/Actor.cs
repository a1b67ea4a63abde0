using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Domain.Conversations;

/// <summary>Who is talking: a roster person.</summary>
public sealed record Actor(string PersonId, string Name, Role Role, RegionCode Region);
