namespace PK.Domain.People;

/// <summary>What a roster person may do: record families, follow an area's progress, or administer.</summary>
public enum Role { Kader, Koordinator, Admin }
