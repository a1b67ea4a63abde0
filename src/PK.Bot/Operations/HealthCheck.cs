using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using PK.Bot.Channels.Inbox;
using PK.Bot.Forwarding;
using PK.Bot.Persistence;

namespace PK.Bot.Operations;

/// <summary>One check's outcome. <see cref="Detail"/> holds counts, ages and names of channels, never personal data.</summary>
public sealed record HealthCheckResult(string Name, bool Healthy, string Detail);

public sealed record HealthReport(bool Healthy, IReadOnlyList<HealthCheckResult> Checks, int? SetAsideMessages)
{
    public IEnumerable<string> Failing => Checks.Where(c => !c.Healthy).Select(c => c.Name);
}

/// <summary>
/// What <c>GET /healthz</c> and the <c>healthz</c> verb answer: the database takes writes, the oldest waiting family
/// is younger than <c>Forwarding:StaleAfter</c>, each channel was reached recently, the oldest unsent reply is not
/// stuck, and the disk under the database has room.
/// </summary>
public sealed class HealthCheck(
    IServiceScopeFactory scopes,
    BotDatabase database,
    ForwardingBacklog backlog,
    BotMetrics metrics,
    IOptions<HealthOptions> options,
    TimeProvider clock)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var checks = new List<HealthCheckResult>
        {
            await DatabaseWritableAsync(cancellationToken),
            await BacklogAsync(o, cancellationToken),
            await OutboxAsync(o, cancellationToken),
            DiskSpace(o),
        };
        checks.AddRange(Channels(o));
        var setAside = await SetAsideMessagesAsync(cancellationToken);
        return new HealthReport(checks.All(c => c.Healthy), checks, setAside);
    }

    private async Task<HealthCheckResult> DatabaseWritableAsync(CancellationToken cancellationToken)
    {
        const string name = "database";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // A real write, rolled back: a read-only file, a read-only mount or query_only all refuse it.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = "INSERT INTO processed_messages (Channel, ChatId, MessageId, AppliedAt) VALUES ('health', 'probe', $id, $at)";
                command.Parameters.Add(new SqliteParameter("$id", Guid.NewGuid().ToString("N")));
                command.Parameters.Add(new SqliteParameter("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return new HealthCheckResult(name, true, "writable");
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            return new HealthCheckResult(name, false, $"not writable: {FirstLine(ex.Message)}");
        }
    }

    private async Task<HealthCheckResult> BacklogAsync(HealthOptions o, CancellationToken cancellationToken)
    {
        const string name = "forwarding";
        try
        {
            var snapshot = await backlog.GetAsync(cancellationToken);
            metrics.BacklogObserved(snapshot);
            if (snapshot.OldestWaitingAge is not { } age)
                return new HealthCheckResult(name, true, "nothing waiting for the core");
            var detail = $"{snapshot.Waiting} waiting, oldest {Age(age)} (limit {Age(o.BacklogStaleAfter)})";
            return new HealthCheckResult(name, age <= o.BacklogStaleAfter, detail);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            return new HealthCheckResult(name, false, $"could not be read: {FirstLine(ex.Message)}");
        }
    }

    private async Task<HealthCheckResult> OutboxAsync(HealthOptions o, CancellationToken cancellationToken)
    {
        const string name = "outbox";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var unsent = db.Outbox.Where(m => m.SentAt == null);
            var count = await unsent.CountAsync(cancellationToken);
            if (count == 0) return new HealthCheckResult(name, true, "every reply sent");
            var oldest = await unsent.OrderBy(m => m.Id).Select(m => m.CreatedAt).FirstAsync(cancellationToken);
            var age = clock.GetUtcNow() - oldest;
            return new HealthCheckResult(name, age <= o.OutboxStaleAfter, $"{count} unsent, oldest {Age(age)} (limit {Age(o.OutboxStaleAfter)})");
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            return new HealthCheckResult(name, false, $"could not be read: {FirstLine(ex.Message)}");
        }
    }

    private HealthCheckResult DiskSpace(HealthOptions o)
    {
        const string name = "disk";
        try
        {
            var free = new DriveInfo(database.Directory).AvailableFreeSpace / (1024 * 1024);
            return new HealthCheckResult(name, free >= o.MinFreeDiskMegabytes, $"{free} MB free under the database folder (minimum {o.MinFreeDiskMegabytes} MB)");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(name, false, $"free space unknown: {FirstLine(ex.Message)}");
        }
    }

    private IEnumerable<HealthCheckResult> Channels(HealthOptions o)
    {
        var now = clock.GetUtcNow();
        foreach (var (channel, contact) in metrics.Channels.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var last = contact.LastSuccessAt is { } at ? $"last contact {Age(now - at)} ago" : "never reached";
            if (contact.FailingSince is not { } since)
            {
                yield return new HealthCheckResult($"channel:{channel}", true, last);
                continue;
            }
            var limit = o.FailingAfter(channel);
            yield return new HealthCheckResult($"channel:{channel}", now - since <= limit, $"{last}; failing for {Age(now - since)} (limit {Age(limit)})");
        }
    }

    /// <summary>Messages the inbox set aside after their tries (<see cref="SetAsideInbox"/>); null when the database cannot be read. Reported, not failing.</summary>
    private async Task<int?> SetAsideMessagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await SetAsideInbox.CountAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), cancellationToken);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static string Age(TimeSpan age) => age.TotalDays >= 1 ? $"{age.TotalDays:0.#} d"
        : age.TotalHours >= 1 ? $"{age.TotalHours:0.#} h"
        : age.TotalMinutes >= 1 ? $"{age.TotalMinutes:0} min"
        : $"{Math.Max(0, age.TotalSeconds):0} s";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
