using System.Collections.Concurrent;
using System.Threading.Channels;
using DuckDB.NET.Data;
using SpreadCheetah;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// Copies a reader's rows into the current worksheet with the reading and the writing on two threads: one reads
/// DuckDB's rows into cells while the other has SpreadCheetah write the cells before them, a few batches apart. At most
/// <see cref="Batches"/> batches of <see cref="BatchRows"/> rows are held, so memory stays bounded whatever the row count.
/// </summary>
public static class SheetRows
{
    public const int BatchRows = 1024, Batches = 4;

    public static async Task CopyAsync(DuckDBDataReader reader, Func<DuckDBDataReader, int, Cell>[] cells, Spreadsheet book, CancellationToken ct)
    {
        var columns = cells.Length;
        var full = Channel.CreateBounded<(Cell[] Cells, int Rows)>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
        var spare = new ConcurrentBag<Cell[]>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                var rows = BatchRows;
                while (rows == BatchRows)
                {
                    var batch = spare.TryTake(out var reused) ? reused : new Cell[BatchRows * columns];
                    for (rows = 0; rows < BatchRows && reader.Read(); rows++)
                        for (int c = 0, at = rows * columns; c < columns; c++, at++)
                            batch[at] = reader.IsDBNull(c) ? default : cells[c](reader, c);
                    if (rows > 0)
                        await full.Writer.WriteAsync((batch, rows), stop.Token);
                }
                full.Writer.Complete();
            }
            catch (Exception e)
            {
                full.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var (batch, rows) in full.Reader.ReadAllAsync(ct))
            {
                for (var r = 0; r < rows; r++)
                    await book.AddRowAsync(batch.AsMemory(r * columns, columns), ct);
                spare.Add(batch);
            }
        }
        finally
        {
            // The reader belongs to the caller: it must be done with it before the caller disposes it.
            await stop.CancelAsync();
            await reading;
        }
    }
}
