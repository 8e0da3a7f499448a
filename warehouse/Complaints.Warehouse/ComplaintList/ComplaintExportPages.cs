using DuckDB.NET.Data;

namespace Complaints.Warehouse.ComplaintList;

/// <summary>
/// The complaint list for an export, in the list's order, as pages of at most <see cref="PageSize"/> rows read one
/// after another. Sorting the whole wide list at once held every column of every row in DuckDB (about 500 MB at a
/// million rows, measured in the exports benchmark); here only the narrow sort key is sorted whole, to find where each
/// page starts, and each page's wide rows are read and sorted alone.
/// <para>
/// The order is (received_at, source, external_id), unique because (source, external_id) is the complaint's key, so a
/// page boundary is one exact position even among complaints received at the same instant: every row falls in exactly
/// one page. Everything runs in one transaction, so the pages and <see cref="Rows"/> are one snapshot: a load
/// committing meanwhile neither moves a row across a boundary nor changes the count.
/// </para>
/// </summary>
public sealed class ComplaintExportPages : IDisposable
{
    /// <summary>Rows per page: at 50,000 the export of a million rows stayed within its memory target and its time (see the exports benchmark).</summary>
    public const int DefaultPageSize = 50_000;

    /// <summary>The list's order; the page bounds compare the same three columns in the same order.</summary>
    public const string Order = "c.received_at, c.source, c.external_id";

    private readonly DuckDBConnection _connection;
    private readonly string _pageSql;
    private readonly (string Name, object? Value)[] _parameters;
    private readonly List<Position> _starts = [];

    /// <param name="pageSql">The page query with its <c>/*page*/</c> and <c>/*order*/</c> placeholders; it reads <c>complaints c</c> narrowed by <paramref name="where"/>.</param>
    internal ComplaintExportPages(WarehouseDatabase warehouse, string pageSql, string where, (string Name, object? Value)[] parameters, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        (_pageSql, _parameters, PageSize) = (pageSql, parameters, pageSize);
        _connection = warehouse.OpenConnection();
        try
        {
            _connection.Execute("BEGIN TRANSACTION");
            Rows = FindPageStarts(where);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public int PageSize { get; }

    /// <summary>The rows the pages hold, counted in their snapshot.</summary>
    public long Rows { get; }

    /// <summary>The pages' connection, for a writer that has DuckDB write the rows itself (COPY reads only what is on it).</summary>
    public DuckDBConnection Connection => _connection;

    /// <summary>
    /// One command per page, in order; the caller runs each (as a reader or as Arrow batches) and disposes it before
    /// asking for the next. There is always at least one page, so an empty list still has its columns.
    /// </summary>
    public IEnumerable<DuckDBCommand> Commands()
    {
        var pages = Math.Max(1, _starts.Count);
        for (var page = 0; page < pages; page++)
            yield return Command(page == 0 ? null : _starts[page], page + 1 < _starts.Count ? _starts[page + 1] : null);
    }

    /// <summary>
    /// The first position of every page, from the sort key alone (a few dozen bytes a row against the export's
    /// hundreds), streamed: only every <see cref="PageSize"/>th position is kept.
    /// </summary>
    private long FindPageStarts(string where)
    {
        using var command = _connection.Command($"SELECT {Order} FROM complaints c WHERE {where} ORDER BY {Order}", _parameters);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            if (rows % PageSize == 0)
                _starts.Add(new Position(new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)), reader.GetString(1), reader.GetString(2)));
            rows++;
        }
        return rows;
    }

    /// <summary>The rows from <paramref name="from"/> (inclusive) up to <paramref name="until"/> (exclusive); null is the list's start or end.</summary>
    private DuckDBCommand Command(Position? from, Position? until)
    {
        var bounds = new List<string>();
        var parameters = new List<(string, object?)>(_parameters);
        // Spelled out column by column: DuckDB folds two row comparisons into a BETWEEN it then cannot run on rows (1.5.6).
        // The plain bound on received_at beside it lets the scan skip the row groups outside the page.
        if (from is { } f)
        {
            bounds.Add("""
                c.received_at >= $from_at
                AND (c.received_at > $from_at OR c.source > $from_source OR (c.source = $from_source AND c.external_id >= $from_id))
                """);
            parameters.AddRange([("from_at", f.ReceivedAt), ("from_source", f.Source), ("from_id", f.ExternalId)]);
        }
        if (until is { } u)
        {
            bounds.Add("""
                c.received_at <= $until_at
                AND (c.received_at < $until_at OR c.source < $until_source OR (c.source = $until_source AND c.external_id < $until_id))
                """);
            parameters.AddRange([("until_at", u.ReceivedAt), ("until_source", u.Source), ("until_id", u.ExternalId)]);
        }
        var sql = _pageSql
            .Replace("/*page*/", bounds.Count == 0 ? "TRUE" : string.Join(" AND ", bounds), StringComparison.Ordinal)
            .Replace("/*order*/", Order, StringComparison.Ordinal);
        var command = _connection.Command(sql, [.. parameters]);
        // Streamed chunk by chunk as the reader asks: DuckDB.NET otherwise materialises the page's result first.
        command.UseStreamingMode = true;
        return command;
    }

    public void Dispose()
    {
        try
        {
            // Nothing was written: ending the snapshot is all there is to do.
            _connection.Execute("ROLLBACK");
        }
        catch (DuckDBException)
        {
            // The connection's transaction already ended (e.g. after an error); closing it is enough.
        }
        _connection.Dispose();
    }

    /// <summary>A complaint's place in the list's order.</summary>
    private readonly record struct Position(DateTimeOffset ReceivedAt, string Source, string ExternalId);
}
