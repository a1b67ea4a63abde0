using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PK.Domain.People;

namespace PK.Bot.Persistence;

/// <summary>Someone on the roster. Logs name people by <see cref="Id"/>, never by name or phone.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>E.164 digits without '+', e.g. 6281312345678; encrypted at rest (shown masked, and WhatsApp sends to it).</summary>
    public required string PhoneDigits { get; set; }
    /// <summary>Keyed hash of <see cref="PhoneDigits"/> (<see cref="Security.DataProtector.PhoneHash"/>), set by the context on save: people are looked up by it.</summary>
    public string? PhoneHash { get; set; }
    public Role Role { get; set; }
    /// <summary>Kemendagri code, dotted (33.13.01.2001).</summary>
    public required string RegionCode { get; set; }
    public int? TargetFamilies { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.HasKey(p => p.Id);
        person.Property(p => p.Name).IsEncrypted();
        person.Property(p => p.PhoneDigits).IsEncrypted();
        person.Property(p => p.PhoneHash).HasMaxLength(64);
        person.HasIndex(p => p.PhoneHash).IsUnique();
        person.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        person.Property(p => p.RegionCode).HasMaxLength(13);
        person.HasIndex(p => p.RegionCode);
    }
}
