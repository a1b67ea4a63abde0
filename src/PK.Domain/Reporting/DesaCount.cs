using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>Families of one desa, as counted by the store: all of them, those first submitted on the report's day, those berisiko stunting.</summary>
public sealed record DesaCount(RegionCode Desa, int Families, int Today, int Berisiko);
