using PK.Domain.Regions;

namespace PK.Domain.Reporting;

/// <summary>Everything the report is computed from; the host gathers it under the asker's scope.</summary>
public sealed record ProgressInput(
    RegionCode Area,
    DateOnly Date,
    DateTimeOffset Now,
    IReadOnlyList<DesaCount> Desa,
    TargetBook Targets,
    IReadOnlyList<KaderStatus> Kader,
    ForwardBacklog Backlog,
    int IdleDays);
