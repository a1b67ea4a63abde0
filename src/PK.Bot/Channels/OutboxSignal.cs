namespace PK.Bot.Channels;

/// <summary>Wakes the outbox sender when a turn has committed replies.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try { if (signal.CurrentCount == 0) signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken);
}
