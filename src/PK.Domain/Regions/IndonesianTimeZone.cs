namespace PK.Domain.Regions;

/// <summary>Indonesia's time zones as the census uses them.</summary>
public enum IndonesianTimeZone { Wib, Wita, Wit }
