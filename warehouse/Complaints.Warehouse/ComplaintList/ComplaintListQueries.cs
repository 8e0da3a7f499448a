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
        // The ORDER BY comes from this closed list, never from the request's text.
        var order = sort switch
        {
            ComplaintSort.Product => "product_name",
            ComplaintSort.Status => "c.status",
            ComplaintSort.Channel => "c.channel",
            _ => "c.received_at",
        } + (descending ? " DESC" : " ASC") + ", c.source, c.external_id";
        // The page is cut first and only its rows meet the customers: joining all of them before the cut was 10x slower at 1M.
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"""
            SELECT c.source, c.external_id, c.received_at, c.product_sku, c.product_name, c.product_line,
                   c.channel, c.status, c.defect_category, cu.segment, left(c.description, 160)
            FROM (
                SELECT c.*, coalesce(p.name, c.product_sku) AS product_name, coalesce(p.product_line, 'Unknown') AS product_line
                FROM complaints c
                LEFT JOIN products p ON p.sku = c.product_sku
                WHERE {filter.Predicate} AND {SearchPredicate(search)}
                ORDER BY {order}
                LIMIT $limit OFFSET $offset
            ) c
            LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            ORDER BY {order}
            """,
            r => new ComplaintListItem(r.GetString(0), r.GetString(1), r.GetInstant(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.NullableString(6), r.GetString(7), r.NullableString(8), r.NullableString(9), r.NullableString(10)),
            [.. Parameters(filter, search), ("limit", limit), ("offset", offset)]);
    }

    // Breach and age filters are judged as of the link's instant, or now.
    private (string, object?)[] Parameters(ComplaintFilter filter, string? search) =>
        [.. filter.AsOfOr((time ?? TimeProvider.System).GetUtcNow()).Parameters(reporting.Value.TimeZone), ("search", Search(search)), ("search_pattern", Search(search) is { } s ? SearchPattern.For(s) : null)];

    private static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();
}
