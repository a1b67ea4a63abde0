using Microsoft.Extensions.Options;
using PK.Bot.Persistence;

namespace PK.Bot.Admin;

internal static class HostExtensions
{
    /// <summary>For verbs that use the services without starting the host: validate options and migrate, as start-up would.</summary>
    public static async Task<WebApplication> PrepareAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        return app;
    }
}
