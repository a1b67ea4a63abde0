namespace PK.Bot.Forwarding;

public enum CoreKind { Sqlite, Postgres, Http }

/// <summary>The core database the forwarder delivers to (<c>Core</c> section, plus <c>ConnectionStrings:Core</c>).</summary>
public sealed class CoreOptions
{
    public const string Section = "Core";
    public const string DefaultSqlite = "Data Source=data/pk-core.db";

    public CoreKind Kind { get; set; } = CoreKind.Sqlite;

    /// <summary>Http core: where records are POSTed.</summary>
    public Uri? Url { get; set; }

    /// <summary>Http core: sent as a bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>ConnectionStrings:Core</c>; bound separately, empty = the SQLite default.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>How the forwarder paces itself (<c>Forwarding</c> section).</summary>
public sealed class ForwardingOptions
{
    public const string Section = "Forwarding";

    /// <summary>Records sent to the core in one transaction (one request round for the Http core).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the forwarder looks for new submissions when it is idle.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after the first failed delivery; doubles per failure, with jitter.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts while the core is down, so a core that is back is not waited on long.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Consecutive failures after which the circuit opens: only one-record probes until one succeeds.</summary>
    public int BreakerThreshold { get; set; } = 3;

    /// <summary>Wait between attempts while the core refuses our credentials (HTTP 401/403): an operator must act.</summary>
    public TimeSpan ConfigurationRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Http core: one request's time limit.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Http core: requests in flight at once.</summary>
    public int HttpParallelism { get; set; } = 4;
}
