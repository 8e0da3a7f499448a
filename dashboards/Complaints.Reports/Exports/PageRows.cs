using System.Collections.Concurrent;
using System.Threading.Channels;
using DuckDB.NET.Data;

namespace Complaints.Reports.Exports;

/// <summary>
/// The list's pages read on a thread of their own while the writer writes the rows before them: DuckDB runs the next
/// page's query and the typed getters fill batches of rows as SpreadCheetah or the CSV writer works through earlier
/// ones. At most <see cref="Batches"/> batches of <see cref="BatchRows"/> rows are held, so memory stays bounded whatever
/// the row count; every DuckDB call (each page's query, its reading and its disposal) is made on the reading thread,
/// one after another, so the pages' connection is never used by two threads at once.
/// </summary>
/// <typeparam name="TBatch">What the reading side fills and the writing side writes: cells for a sheet, text for CSV.</typeparam>
internal static class PageRows<TBatch> where TBatch : class
{
    public const int BatchRows = 1024, Batches = 4;

    /// <param name="pages">The pages, in order; there is at least one (an empty list still has its columns).</param>
    /// <param name="start">
    /// Called on the caller's thread with the first page's reader, before any row is read: writes what the columns decide
    /// (a header) and returns <c>fill</c>, which reads up to <see cref="BatchRows"/> rows of a reader into a (reused) batch
    /// and says how many it read, fewer at the page's end. <c>fill</c> runs on the reading thread.
    /// </param>
    /// <param name="write">Writes a batch's rows, in order, on the caller's side; the batch is reused once it returns.</param>
    /// <returns>The rows written.</returns>
    public static async Task<long> CopyAsync(IEnumerable<DuckDBCommand> pages, Func<DuckDBDataReader, ValueTask<Func<DuckDBDataReader, TBatch, int>>> start,
        Func<TBatch> create, Func<TBatch, int, ValueTask> write, CancellationToken ct)
    {
        using var rest = pages.GetEnumerator();
        if (!rest.MoveNext())
            return 0;
        DuckDBCommand? page = rest.Current;
        DuckDBDataReader? reader = null;
        Func<DuckDBDataReader, TBatch, int> fill;
        try
        {
            reader = page.ExecuteReader();
            fill = await start(reader);
        }
        catch
        {
            reader?.Dispose();
            page.Dispose();
            throw;
        }
        var full = Channel.CreateBounded<(TBatch Batch, int Rows)>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
        var spare = new ConcurrentBag<TBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                while (reader is not null)
                {
                    var batch = spare.TryTake(out var reused) ? reused : create();
                    var rows = fill(reader, batch);
                    if (rows > 0)
                        await full.Writer.WriteAsync((batch, rows), stop.Token);
                    else
                        spare.Add(batch);
                    if (rows == BatchRows)
                        continue;
                    // The page is read: free its result before the next page's query runs.
                    reader.Dispose();
                    page!.Dispose();
                    (page, reader) = (null, null);
                    if (rest.MoveNext())
                    {
                        page = rest.Current;
                        reader = page.ExecuteReader();
                    }
                }
                full.Writer.Complete();
            }
            catch (Exception e)
            {
                full.Writer.Complete(e);
            }
            finally
            {
                reader?.Dispose();
                page?.Dispose();
            }
        }, CancellationToken.None);
        long written = 0;
        try
        {
            await foreach (var (batch, rows) in full.Reader.ReadAllAsync(ct))
            {
                await write(batch, rows);
                written += rows;
                spare.Add(batch);
            }
            return written;
        }
        finally
        {
            // The pages' connection belongs to the caller: the reading side must be done with it before the caller ends the pages.
            await stop.CancelAsync();
            await reading;
        }
    }
}
