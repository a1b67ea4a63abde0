namespace PK.Bot.Hosting;

/// <summary>
/// Wakes one background worker (<typeparamref name="TWorker"/>) when there is new work for it. Signals coalesce:
/// any number of <see cref="Notify"/> calls before the worker waits wake it once. One singleton per worker type.
/// </summary>
public sealed class WakeSignal<TWorker>
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try { if (signal.CurrentCount == 0) signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    /// <summary>True when woken, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
