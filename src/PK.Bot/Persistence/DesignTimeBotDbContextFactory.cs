using Microsoft.EntityFrameworkCore.Design;
using PK.Bot.Security;

namespace PK.Bot.Persistence;

/// <summary>For `dotnet ef migrations add`: the schema does not depend on the key, so a throwaway one will do.</summary>
internal sealed class DesignTimeBotDbContextFactory : IDesignTimeDbContextFactory<BotDbContext>
{
    public BotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BotDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, KeyedModelCacheKeyFactory>()
            .Options,
            new DataProtector(new byte[32]));
}
