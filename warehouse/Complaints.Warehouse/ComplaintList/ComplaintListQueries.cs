using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.ComplaintList;

public sealed record ComplaintListItem(
    string Source, string ExternalId, DateTimeOffset ReceivedAt, string ProductSku, string ProductName, string ProductLine,
    string? Channel, string Status, string? DefectCategory, string? Segment, string? Description);

public enum ComplaintSort { Received, Product, Status, Channel }

/// <summary>
/// The complaint list behind every figure: the same <see cref="ComplaintFilter"/> as the charts, so a drill-down's
/// count equals the number clicked. Search ignores case and Polish diacritics (DuckDB's fts extension is not available).
/// </summary>
public sealed class ComplaintListQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, TimeProvider? time = null)
{
    /// <summary>The search clause, only when there is a search (a guarded no-op would still be planned for every row).</summary>
    private static string SearchPredicate(string? search) => Search(search) is null
        ? "TRUE"
        : "(regexp_matches(c.description, $search_pattern, 'i') OR c.external_id = $search)";

    public long Count(ComplaintFilter filter, string? search)
    {
        using var connection = warehouse.OpenConnection();
        return connection.Scalar<long>($"SELECT count(*) FROM complaints c WHERE {filter.Predicate} AND {SearchPredicate(search)}", Parameters(filter, search));
    }

    public IReadOnlyList<ComplaintListItem> Page(ComplaintFilter filter, string? search, ComplaintSort sort, bool descending, int offset, int limit)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"{PageSql($"{filter.Predicate} AND {SearchPredicate(search)}", sort, descending, "LIMIT $limit OFFSET $offset")} ORDER BY {Order(sort, descending)}",
            r => Item(r, 0), [.. Parameters(filter, search), ("limit", limit), ("offset", offset)]);
    }

    /// <summary>
    /// The whole list for an export (ComplaintExport.sql: twenty typed columns, oldest first), as a command the caller
    /// reads row by row or as Arrow batches on its own connection, so no export holds the list in memory.
    /// </summary>
    /// <param name="withFreeText">The description (free text that may name people) for a reader with the personal-data permission; empty otherwise.</param>
    public DuckDB.NET.Data.DuckDBCommand ExportCommand(DuckDB.NET.Data.DuckDBConnection connection, ComplaintFilter filter, string? search, bool withFreeText)
    {
        var sql = Sql.Load(typeof(ComplaintListQueries).Assembly, "ComplaintList.ComplaintExport.sql")
            .Replace("/*description*/", withFreeText ? "c.description" : "CAST(NULL AS VARCHAR)", StringComparison.Ordinal)
            .Replace("/*filter*/", filter.Predicate, StringComparison.Ordinal)
            .Replace("/*search*/", SearchPredicate(search), StringComparison.Ordinal);
        var command = connection.Command(sql, Parameters(filter, search));
        // Streamed, chunk by chunk, as the reader asks: DuckDB.NET otherwise materialises the whole result first (a million
        // rows of twenty columns held about 800 MB more at the peak than streaming them, measured in the exports benchmark).
        command.UseStreamingMode = true;
        return command;
    }

    /// <summary>
    /// The count and one page together. A search reads every description, so it is run once: its matches' sort keys
    /// are kept, counted and cut to the page, and only the page's complaints are read in full (the count and the page
    /// as two queries took 330 ms at a million complaints, this 220 ms). Without a search the two plain queries are quicker.
    /// </summary>
    public (long Count, IReadOnlyList<ComplaintListItem> Items) CountAndPage(ComplaintFilter filter, string? search, ComplaintSort sort, bool descending, int offset, int limit)
    {
        if (Search(search) is null)
            return (Count(filter, null), Page(filter, null, sort, descending, offset, limit));
        using var connection = warehouse.OpenConnection();
        // One row even for an empty page (the left join), carrying the count.
        var rows = connection.QueryList($"""
            WITH hits AS MATERIALIZED (
                SELECT c.complaint_key, c.source, c.external_id, c.received_at, c.status, c.channel, coalesce(p.name, c.product_sku) AS product_name
                FROM complaints c LEFT JOIN products p ON p.sku = c.product_sku
                WHERE {filter.Predicate} AND {SearchPredicate(search)}),
            chosen AS (SELECT c.complaint_key FROM hits c ORDER BY {Order(sort, descending)} LIMIT $limit OFFSET $offset),
            page AS ({PageSql("c.complaint_key IN (SELECT complaint_key FROM chosen)", sort, descending, cut: "")})
            SELECT (SELECT count(*) FROM hits), page.*
            FROM (SELECT 1) AS one LEFT JOIN page ON TRUE
            ORDER BY {Order(sort, descending, "page.")}
            """,
            r => (Count: r.GetInt64(0), Item: r.IsDBNull(1) ? null : Item(r, 1)),
            [.. Parameters(filter, search), ("limit", limit), ("offset", offset)]);
        return (rows[0].Count, rows.Where(row => row.Item is not null).Select(row => row.Item!).ToList());
    }

    /// <summary>
    /// The complaints that meet <paramref name="where"/>, sorted and <paramref name="cut"/> to a page before the
    /// customers are joined: joining all of them before the cut was 10x slower at a million. Its columns are those
    /// <see cref="Item"/> reads.
    /// </summary>
    private static string PageSql(string where, ComplaintSort sort, bool descending, string cut) => $"""
        SELECT c.source, c.external_id, c.received_at, c.product_sku, c.product_name, c.product_line,
               c.channel, c.status, c.defect_category, cu.segment, left(c.description, 160) AS description
        FROM (
            SELECT c.*, coalesce(p.name, c.product_sku) AS product_name, coalesce(p.product_line, 'Unknown') AS product_line
            FROM complaints c
            LEFT JOIN products p ON p.sku = c.product_sku
            WHERE {where}
            ORDER BY {Order(sort, descending)}
            {cut}
        ) c
        LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
        """;

    /// <summary>The ORDER BY, from this closed list, never from the request's text; <paramref name="table"/> qualifies its columns.</summary>
    private static string Order(ComplaintSort sort, bool descending, string table = "c.") => sort switch
    {
        ComplaintSort.Product => "product_name",
        ComplaintSort.Status => $"{table}status",
        ComplaintSort.Channel => $"{table}channel",
        _ => $"{table}received_at",
    } + (descending ? " DESC" : " ASC") + $", {table}source, {table}external_id";

    private static ComplaintListItem Item(System.Data.IDataRecord r, int first) => new(
        r.GetString(first), r.GetString(first + 1), r.GetInstant(first + 2), r.GetString(first + 3), r.GetString(first + 4), r.GetString(first + 5),
        r.NullableString(first + 6), r.GetString(first + 7), r.NullableString(first + 8), r.NullableString(first + 9), r.NullableString(first + 10));

    // Breach and age filters are judged as of the link's instant, or now.
    private (string, object?)[] Parameters(ComplaintFilter filter, string? search) =>
        [.. filter.AsOfOr((time ?? TimeProvider.System).GetUtcNow()).Parameters(reporting.Value), ("search", Search(search)), ("search_pattern", Search(search) is { } s ? SearchPattern.For(s) : null)];

    private static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();
}
