using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PK.Bot.Persistence;

public static class PersistenceServices
{
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<IInterceptor, SqlitePragmas>();
        services.AddDbContext<BotDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<BotDatabase>().ConnectionString)
            .AddInterceptors(sp.GetServices<IInterceptor>())
            .ReplaceService<IModelCacheKeyFactory, KeyedModelCacheKeyFactory>());
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        return services;
    }
}
