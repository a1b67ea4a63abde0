using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PK.Bot.Persistence;

/// <summary>
/// One submitted family, denormalised for reporting: written in the turn that submits (or corrects) it, so
/// reports count families without decrypting payloads. No personal data: ids, the desa, dates and flags.
/// </summary>
public sealed class FamilyFact
{
    public Guid RecordId { get; set; }
    /// <summary>The latest submitted version.</summary>
    public int Version { get; set; }
    /// <summary>The roster person who submitted the first version.</summary>
    public Guid KaderId { get; set; }
    /// <summary>Dotted desa code.</summary>
    public required string DesaCode { get; set; }
    public DateTimeOffset FirstSubmittedAt { get; set; }
    /// <summary>The first submission's date in the desa's own time zone: the day the family counts for.</summary>
    public DateOnly SubmittedLocalDate { get; set; }
    public DateTimeOffset LastSubmittedAt { get; set; }
    public bool Berisiko { get; set; }
    /// <summary>The berisiko reasons as bits (<see cref="PK.Bot.Dashboard.RiskReasons"/>); 0 when none, or written before the column existed.</summary>
    public int RiskMask { get; set; }
    public int MemberCount { get; set; }
}

/// <summary>
/// How many submitted versions of one kader's families in one desa still wait for the core, and since when. Kept by
/// database triggers in the same statement that submits, delivers, rejects, retries or moves a record (see the
/// <c>BacklogCounters</c> migration), so a report sums at most one row per kader and desa instead of walking the backlog.
/// </summary>
public sealed class AreaBacklog
{
    public required string DesaCode { get; set; }
    public Guid KaderId { get; set; }
    public int Waiting { get; set; }
    /// <summary>The earliest <c>SubmittedAt</c> among the waiting versions (null when none waits).</summary>
    public DateTimeOffset? Oldest { get; set; }
}

/// <summary>
/// How many families one kader recorded in one desa (of them berisiko), and when the latest was first submitted: the
/// family facts summed per desa and kader, kept by database triggers in the statement that writes a fact (see the
/// <c>FamilyCounters</c> migration). Reports read these rows, and only the facts of the days after the asked date.
/// </summary>
public sealed class AreaFamilies
{
    public required string DesaCode { get; set; }
    public Guid KaderId { get; set; }
    public int Families { get; set; }
    public int Berisiko { get; set; }
    /// <summary>The latest <c>FirstSubmittedAt</c> among the families (null when none is left).</summary>
    public DateTimeOffset? LastFamilyAt { get; set; }
}

/// <summary>An area's family target from <c>targets import</c>.</summary>
public sealed class AreaTarget
{
    public required string RegionCode { get; set; }
    public int TargetFamilies { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A scheduled message queued for a person on a local date: the key makes it once a day, across restarts.</summary>
public sealed class ReportDelivery
{
    public Guid PersonId { get; set; }
    public DateOnly LocalDate { get; set; }
    /// <summary><c>daily</c> (a koordinator's report) or <c>tally</c> (a kader's own numbers).</summary>
    public required string Kind { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
}

/// <summary>A koordinator's <c>/unduh</c>: recorded in their turn, the file made and queued afterwards, outside the turn.</summary>
public sealed class ExportRequest
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string RegionCode { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>The reporting tables on the bot's context.</summary>
public static class ReportingSets
{
    extension(BotDbContext db)
    {
        public DbSet<FamilyFact> FamilyFacts => db.Set<FamilyFact>();
        public DbSet<AreaTarget> AreaTargets => db.Set<AreaTarget>();
        public DbSet<ReportDelivery> ReportDeliveries => db.Set<ReportDelivery>();
        public DbSet<ExportRequest> ExportRequests => db.Set<ExportRequest>();
        public DbSet<AreaBacklog> AreaBacklogs => db.Set<AreaBacklog>();
        public DbSet<AreaFamilies> AreaFamilies => db.Set<AreaFamilies>();
    }
}

internal sealed class FamilyFactConfiguration : IEntityTypeConfiguration<FamilyFact>
{
    public void Configure(EntityTypeBuilder<FamilyFact> fact)
    {
        // AFTER triggers keep area_backlog in step (SQLite's RETURNING clause does not work with them).
        fact.ToTable("family_facts", t => t.UseSqlReturningClause(false));
        fact.HasKey(f => f.RecordId);
        fact.Property(f => f.DesaCode).HasMaxLength(13);
        // Covering indexes: reports read an area's counts, its kader's counts and its backlog from these alone, never from
        // the table, whose pages lie between the submitted payloads (kilobytes each) written in the same turns.
        fact.HasIndex(f => new { f.DesaCode, f.KaderId, f.SubmittedLocalDate, f.Berisiko, f.FirstSubmittedAt });
        fact.HasIndex(f => new { f.RecordId, f.Version, f.DesaCode, f.KaderId });
        fact.HasIndex(f => new { f.KaderId, f.SubmittedLocalDate });
        // Only berisiko families, by desa: the dashboard's breakdown by reason reads an area's slice of it.
        fact.HasIndex(f => new { f.DesaCode, f.RiskMask }).HasFilter("\"RiskMask\" <> 0");
    }
}

internal sealed class AreaBacklogConfiguration : IEntityTypeConfiguration<AreaBacklog>
{
    public void Configure(EntityTypeBuilder<AreaBacklog> backlog)
    {
        backlog.ToTable("area_backlog");
        // Desa first: an area's rows are one range of the key.
        backlog.HasKey(b => new { b.DesaCode, b.KaderId });
        backlog.Property(b => b.DesaCode).HasMaxLength(13);
    }
}

internal sealed class AreaFamiliesConfiguration : IEntityTypeConfiguration<AreaFamilies>
{
    public void Configure(EntityTypeBuilder<AreaFamilies> families)
    {
        families.ToTable("area_families");
        families.HasKey(f => new { f.DesaCode, f.KaderId });
        families.Property(f => f.DesaCode).HasMaxLength(13);
    }
}

internal sealed class AreaTargetConfiguration : IEntityTypeConfiguration<AreaTarget>
{
    public void Configure(EntityTypeBuilder<AreaTarget> target)
    {
        target.ToTable("area_targets");
        target.HasKey(t => t.RegionCode);
        target.Property(t => t.RegionCode).HasMaxLength(13);
    }
}

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> delivery)
    {
        delivery.ToTable("report_deliveries");
        delivery.HasKey(d => new { d.PersonId, d.LocalDate, d.Kind });
        delivery.Property(d => d.Kind).HasMaxLength(16);
        delivery.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExportRequestConfiguration : IEntityTypeConfiguration<ExportRequest>
{
    public void Configure(EntityTypeBuilder<ExportRequest> request)
    {
        request.ToTable("export_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Channel).HasMaxLength(16);
        request.Property(r => r.ChatId).HasMaxLength(64);
        request.Property(r => r.RegionCode).HasMaxLength(13);
        request.HasIndex(r => r.CompletedAt);
        request.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
