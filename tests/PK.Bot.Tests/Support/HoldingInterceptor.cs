using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PK.Bot.Tests.Support;

/// <summary>
/// Holds the next database command that mentions <paramref name="table"/> while <see cref="Armed"/>: it waits (cancellably)
/// until released, so a turn can be caught mid-way (background workers reading other tables are not held).
/// </summary>
public sealed class HoldingInterceptor(string table = "chat_states") : DbCommandInterceptor
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Armed;

    /// <summary>Completes when a command is being held.</summary>
    public Task Entered => entered.Task;

    public void Release() => released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command, cancellationToken);
        return result;
    }

    private async Task HoldAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (!Armed || !command.CommandText.Contains(table, StringComparison.Ordinal)) return;
        Armed = false;
        entered.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
    }
}
