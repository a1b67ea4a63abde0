using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PK.Bot.Tests.Support;

/// <summary>Holds the next database command while <see cref="Armed"/>: it waits (cancellably) until released, so a turn can be caught mid-way.</summary>
public sealed class HoldingInterceptor : DbCommandInterceptor
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Armed;

    /// <summary>Completes when a command is being held.</summary>
    public Task Entered => entered.Task;

    public void Release() => released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(cancellationToken);
        return result;
    }

    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (!Armed) return;
        Armed = false;
        entered.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
    }
}
