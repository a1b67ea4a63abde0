using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PK.Bot.Persistence;

namespace PK.Bot.Dashboard;

/// <summary>A one-time sign-in link sent by <c>/dasbor</c>: only the SHA-256 of its random token is stored.</summary>
public sealed class DashboardLink
{
    public required string TokenHash { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A signed-in browser: the cookie holds a random token, the table its SHA-256.</summary>
public sealed class DashboardSession
{
    public required string TokenHash { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A download with personal data (NIK, names, phone, address) from the dashboard: who, when, which area.</summary>
public sealed class PiiDownload
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset DownloadedAt { get; set; }
    public required string RegionCode { get; set; }
    public required string Format { get; set; }
}

/// <summary>The dashboard's tables on the bot's context.</summary>
public static class DashboardSets
{
    extension(BotDbContext db)
    {
        public DbSet<DashboardLink> DashboardLinks => db.Set<DashboardLink>();
        public DbSet<DashboardSession> DashboardSessions => db.Set<DashboardSession>();
        public DbSet<PiiDownload> PiiDownloads => db.Set<PiiDownload>();
    }
}

internal sealed class DashboardLinkConfiguration : IEntityTypeConfiguration<DashboardLink>
{
    public void Configure(EntityTypeBuilder<DashboardLink> link)
    {
        link.ToTable("dashboard_links");
        link.HasKey(l => l.TokenHash);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.HasIndex(l => l.ExpiresAt);
        link.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DashboardSessionConfiguration : IEntityTypeConfiguration<DashboardSession>
{
    public void Configure(EntityTypeBuilder<DashboardSession> session)
    {
        session.ToTable("dashboard_sessions");
        session.HasKey(s => s.TokenHash);
        session.Property(s => s.TokenHash).HasMaxLength(64);
        session.HasIndex(s => s.ExpiresAt);
        session.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PiiDownloadConfiguration : IEntityTypeConfiguration<PiiDownload>
{
    public void Configure(EntityTypeBuilder<PiiDownload> download)
    {
        download.ToTable("pii_downloads");
        download.HasKey(d => d.Id);
        download.Property(d => d.RegionCode).HasMaxLength(13);
        download.Property(d => d.Format).HasMaxLength(8);
        download.HasIndex(d => d.DownloadedAt);
        download.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
