using Microsoft.Extensions.Options;
using Npgsql;

namespace PK.Bot.Forwarding;

public static class ForwardingServices
{
    public static IServiceCollection AddForwarding(this IServiceCollection services)
    {
        services.AddOptions<CoreOptions>()
            .BindConfiguration(CoreOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.ConnectionString = configuration.GetConnectionString("Core"))
            .Validate(o => o.Kind != CoreKind.Http || o.Url is { IsAbsoluteUri: true, Scheme: "http" or "https" }, "Core:Url must be an absolute http(s) URL when Core:Kind is Http.")
            .Validate(o => o.Kind != CoreKind.Http || !string.IsNullOrWhiteSpace(o.ApiKey), "Core:ApiKey must be set when Core:Kind is Http.")
            .Validate(o => o.Kind != CoreKind.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "ConnectionStrings:Core must be set when Core:Kind is Postgres (Host=…;Database=…;Username=…).")
            .Validate(o => o.Kind != CoreKind.Postgres || ValidPostgres(o.ConnectionString), "ConnectionStrings:Core is not a PostgreSQL connection string (Host=…;Database=…).")
            .ValidateOnStart();
        services.AddOptions<ForwardingOptions>()
            .BindConfiguration(ForwardingOptions.Section)
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Forwarding:BatchSize must be between 1 and 10000.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Forwarding:PollInterval must be positive.")
            .Validate(o => o.InitialRetryDelay > TimeSpan.Zero, "Forwarding:InitialRetryDelay must be positive.")
            .Validate(o => o.MaxRetryDelay >= o.InitialRetryDelay, "Forwarding:MaxRetryDelay must not be shorter than Forwarding:InitialRetryDelay.")
            .Validate(o => o.BreakerThreshold > 0, "Forwarding:BreakerThreshold must be positive.")
            .Validate(o => o.HttpTimeout > TimeSpan.Zero, "Forwarding:HttpTimeout must be positive.")
            .Validate(o => o.HttpParallelism is > 0 and <= 64, "Forwarding:HttpParallelism must be between 1 and 64.")
            .ValidateOnStart();

        services.AddHttpClient(HttpCoreSink.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ICoreSink>(sp =>
        {
            var core = sp.GetRequiredService<IOptions<CoreOptions>>().Value;
            return core.Kind switch
            {
                CoreKind.Postgres => new PostgresCoreSink(NpgsqlDataSource.Create(core.ConnectionString!), sp.GetRequiredService<ILogger<PostgresCoreSink>>()),
                CoreKind.Http => ActivatorUtilities.CreateInstance<HttpCoreSink>(sp),
                _ => new SqliteCoreSink(string.IsNullOrWhiteSpace(core.ConnectionString) ? CoreOptions.DefaultSqlite : core.ConnectionString, sp.GetRequiredService<ILogger<SqliteCoreSink>>()),
            };
        });
        services.AddSingleton<ForwardingBacklog>();
        services.AddSingleton<Forwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<Forwarder>());
        return services;
    }

    private static bool ValidPostgres(string? connectionString)
    {
        try { return new NpgsqlConnectionStringBuilder(connectionString).Host is { Length: > 0 }; }
        catch (ArgumentException) { return false; }
    }
}
