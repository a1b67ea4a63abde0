using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using SpreadCheetah;

namespace PK.Bot.Reporting;

/// <summary>
/// Rows of one sheet on their way from the side that reads and lays them out to the side that writes the sheet: a
/// bounded queue of cell arrays (one width per sheet, reused once written), so both run at once on their own threads.
/// </summary>
internal sealed class RowPipe
{
    private const int Capacity = 256;
    private readonly int width;
    private readonly Channel<DataCell[]> rows = Channel.CreateBounded<DataCell[]>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentQueue<DataCell[]> free = new();

    private RowPipe(int width) => this.width = width;

    /// <summary>
    /// Runs <paramref name="produce"/> on the thread pool while this thread adds the rows it writes to the sheet, in order.
    /// Whichever side fails first stops the other; the error is thrown once both have stopped.
    /// </summary>
    public static async Task RunAsync(int width, Func<RowPipe, CancellationToken, Task> produce, Spreadsheet workbook, CancellationToken cancellationToken)
    {
        var pipe = new RowPipe(width);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producing = Task.Run(async () =>
        {
            try
            {
                await produce(pipe, stop.Token);
                pipe.rows.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                pipe.rows.Writer.TryComplete(ex);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var cells in pipe.rows.Reader.ReadAllAsync(cancellationToken))
            {
                await workbook.AddRowAsync(cells, cancellationToken);
                if (cells.Length == pipe.width) pipe.free.Enqueue(cells);
            }
        }
        catch (Exception) when (!producing.IsCompleted)
        {
            // The sheet side failed: stop the reading side and wait for it, so nothing still writes the scratch file.
            await stop.CancelAsync();
            await producing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        await producing;
    }

    /// <summary>Queues one row (its values as a sheet cell holds them); waits while the sheet side is behind.</summary>
    public ValueTask WriteAsync(List<object?> row, CancellationToken cancellationToken)
    {
        var cells = row.Count == width && free.TryDequeue(out var reused) ? reused : new DataCell[row.Count];
        for (var i = 0; i < row.Count; i++) cells[i] = ToCell(row[i]);
        return rows.Writer.WriteAsync(cells, cancellationToken);
    }

    public static DataCell[] ToCells(IReadOnlyList<object?> values) => [.. values.Select(ToCell)];

    private static DataCell ToCell(object? value) => value switch
    {
        null => new DataCell(),
        long l => new DataCell(l),
        int i => new DataCell(i),
        decimal d => new DataCell(d),
        string s => new DataCell(s),
        _ => new DataCell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
