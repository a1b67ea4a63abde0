namespace PK.Domain.Regions;

/// <summary>The four Kemendagri levels; the number of code parts gives the level.</summary>
public enum RegionLevel { Provinsi, Kabupaten, Kecamatan, Desa }
