using Microsoft.EntityFrameworkCore.Infrastructure;
using PK.Bot.Security;

namespace PK.Bot.Persistence;

public sealed class BotDbContext(DbContextOptions<BotDbContext> options, DataProtector protector) : DbContext(options)
{
    internal DataProtector Protector => protector;

    public DbSet<Person> People => Set<Person>();
    public DbSet<ChatLink> ChatLinks => Set<ChatLink>();
    public DbSet<ChatState> ChatStates => Set<ChatState>();
    public DbSet<StoredInterview> Interviews => Set<StoredInterview>();
    public DbSet<AnswerAudit> AnswerAudit => Set<AnswerAudit>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();
    public DbSet<SubmittedRecord> SubmittedRecords => Set<SubmittedRecord>();
    public DbSet<ForwardState> ForwardState => Set<ForwardState>();
    public DbSet<ForwardCount> ForwardCounts => Set<ForwardCount>();
    public DbSet<DataKeyState> DataKey => Set<DataKeyState>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        HashPhones();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        HashPhones();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>A person's phone is stored encrypted; its keyed hash, kept beside it, is what lookups compare.</summary>
    private void HashPhones()
    {
        foreach (var entry in ChangeTracker.Entries<Person>())
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.PhoneHash = protector.PhoneHash(entry.Entity.PhoneDigits);
    }

    /// <summary>The lookup form of a phone number (E.164 digits), for <c>p.PhoneHash == db.PhoneHashOf(digits)</c>.</summary>
    public string PhoneHashOf(string phoneDigits) => protector.PhoneHash(phoneDigits);

    /// <summary>The active roster person with this phone number, if any (looked up by its keyed hash).</summary>
    public Task<Person?> ActivePersonByPhoneAsync(PK.Domain.People.PhoneNumber phone, CancellationToken cancellationToken)
    {
        var hash = PhoneHashOf(phone.Digits);
        return People.SingleOrDefaultAsync(p => p.PhoneHash == hash && p.Active, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);
        var encrypted = new EncryptedConverter(protector);
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            if (property.FindAnnotation(EncryptedColumns.Annotation) is not null)
                property.SetValueConverter(encrypted);
    }
}

/// <summary>The model holds converters bound to a key, so a model is cached per key.</summary>
internal sealed class KeyedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is BotDbContext bot ? (context.GetType(), bot.Protector.KeyId, designTime) : (context.GetType(), designTime);
}
