using PK.Bot.Persistence;

namespace PK.Bot.Forwarding;

/// <summary>Puts set-aside records back in the queue after a fix: <c>forward retry</c> and the dashboard's "kirim ulang".</summary>
public static class ForwardRetry
{
    /// <summary>Every version of <paramref name="recordId"/> that was rejected or in conflict, or (null) every rejected record.</summary>
    public static Task<int> RetryAsync(BotDbContext db, Guid? recordId, CancellationToken cancellationToken)
    {
        var setAside = recordId is null
            ? db.SubmittedRecords.Where(r => r.ForwardStatus == ForwardStatus.Rejected)
            : db.SubmittedRecords.Where(r => r.RecordId == recordId && (r.ForwardStatus == ForwardStatus.Rejected || r.ForwardStatus == ForwardStatus.Conflict));
        return setAside.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ForwardStatus, ForwardStatus.Pending)
            .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
    }
}
