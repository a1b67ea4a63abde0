namespace PK.Bot.Channels.Inbox;

/// <summary>
/// One writer for many concurrent callers: a caller hands over its request and awaits the commit that holds it. The
/// first caller finding no write under way starts one; requests arriving meanwhile wait and go together into the
/// next transaction. So a burst of webhook posts costs one synced commit (and one turn at the write lock) per batch
/// instead of one per post, and each post is still acknowledged only once its own rows are durable.
/// <para>
/// Between two transactions the writer rests a quarter of the time the last one took (at most <see cref="MaxRest"/>): other
/// writers — the turns — wait for SQLite's write lock in its busy handler, which sleeps and looks again, and would
/// never find the lock free behind a writer that takes it back at once. Requests arriving meanwhile join the next batch.
/// </para>
/// </summary>
public sealed class GroupCommit<TRequest, TResult>(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> write, int maxBatch = 500)
{
    private static readonly TimeSpan MaxRest = TimeSpan.FromMilliseconds(20);

    private readonly Lock gate = new();
    private List<(TRequest Request, TaskCompletionSource<TResult> Done)> waiting = [];
    private bool writing;

    /// <summary>Completes when the transaction holding <paramref name="request"/> has committed; throws what that write threw.</summary>
    /// <remarks>Cancelling stops the wait only: a request already handed over may still be written.</remarks>
    public Task<TResult> SubmitAsync(TRequest request, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (gate)
        {
            waiting.Add((request, done));
            lead = !writing;
            writing = true;
        }
        if (lead) _ = Task.Run(WriteAllAsync, CancellationToken.None);
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAllAsync()
    {
        var rest = TimeSpan.Zero;
        while (true)
        {
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    writing = false;
                    return;
                }
            }
            if (rest > TimeSpan.Zero) await Task.Delay(rest < MaxRest ? rest : MaxRest);
            List<(TRequest Request, TaskCompletionSource<TResult> Done)> batch;
            lock (gate)
            {
                // Only this writer takes from the queue, so it still holds what was seen above.
                if (waiting.Count <= maxBatch)
                {
                    batch = waiting;
                    waiting = [];
                }
                else
                {
                    batch = waiting[..maxBatch];
                    waiting.RemoveRange(0, maxBatch);
                }
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var results = await write([.. batch.Select(b => b.Request)]);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch) done.TrySetException(ex);
            }
            rest = System.Diagnostics.Stopwatch.GetElapsedTime(started) / 4;
        }
    }
}
