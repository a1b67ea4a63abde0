using PK.Bot.Persistence;

namespace PK.Bot.Forwarding;

/// <summary>The forwarding picture at one moment: for <c>forward status</c>, the reports and health checks.</summary>
public sealed record ForwardingSnapshot(
    int Waiting,
    TimeSpan? OldestWaitingAge,
    int Delivered,
    int Rejected,
    int Conflicts,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    bool ConfigurationError,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptAt);

/// <summary>Reads how far forwarding is behind; cheap enough to call for every report.</summary>
public sealed class ForwardingBacklog(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<ForwardingSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // Four rows kept by triggers as records are submitted and change status, not a count of every record.
        var counts = await db.ForwardCounts.AsNoTracking().ToDictionaryAsync(c => c.Status, c => c.Records, cancellationToken);
        // Queue order is submission order, so the first waiting row is the oldest.
        var oldest = await db.SubmittedRecords.Where(r => r.ForwardStatus == ForwardStatus.Pending)
            .OrderBy(r => r.Id).Select(r => (DateTimeOffset?)r.SubmittedAt).FirstOrDefaultAsync(cancellationToken);
        var state = await db.ForwardState.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ForwardState();
        return new ForwardingSnapshot(
            counts.GetValueOrDefault(ForwardStatus.Pending),
            oldest is { } at ? clock.GetUtcNow() - at : null,
            counts.GetValueOrDefault(ForwardStatus.Delivered),
            counts.GetValueOrDefault(ForwardStatus.Rejected),
            counts.GetValueOrDefault(ForwardStatus.Conflict),
            state.LastSuccessAt,
            state.LastErrorAt,
            state.LastError,
            state.ConfigurationError,
            state.ConsecutiveFailures,
            state.NextAttemptAt);
    }
}
