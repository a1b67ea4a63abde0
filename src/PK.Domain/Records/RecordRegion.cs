using PK.Domain.Indicators;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Records;

/// <summary>The region a family lives in, at every level (dotted codes).</summary>
public sealed record RecordRegion(string Provinsi, string Kabupaten, string Kecamatan, string Desa);
