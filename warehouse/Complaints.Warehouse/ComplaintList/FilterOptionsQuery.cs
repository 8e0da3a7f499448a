namespace Complaints.Warehouse.ComplaintList;

public sealed record FilterOption(string Value, string Label);

/// <summary>The values each filter can take, as the data holds them: codes are open lists, so the choices come from the warehouse.</summary>
public sealed record FilterOptions(
    IReadOnlyList<FilterOption> Products, IReadOnlyList<FilterOption> Lines, IReadOnlyList<FilterOption> Categories,
    IReadOnlyList<FilterOption> Channels, IReadOnlyList<FilterOption> Segments, IReadOnlyList<FilterOption> Countries,
    IReadOnlyList<FilterOption> Statuses);

/// <summary>
/// The choices are read once and kept until the next write to the warehouse: every page's filter bar shows them, and
/// reading them scans the complaints several times (about a third of a second at a million complaints).
/// </summary>
public sealed class FilterOptionsQuery(WarehouseDatabase warehouse, FigureCache figures)
{
    public FilterOptions Get() => figures.GetOrAdd("filter-options", Read);

    private FilterOptions Read()
    {
        using var connection = warehouse.OpenConnection();
        List<FilterOption> Distinct(string sql) => connection.QueryList(sql, r => new FilterOption(r.GetString(0), r.NullableString(1) ?? r.GetString(0)));
        return new FilterOptions(
            Distinct("SELECT DISTINCT c.product_sku, coalesce(p.name || ' (' || c.product_sku || ')', c.product_sku) AS label FROM complaints c LEFT JOIN products p ON p.sku = c.product_sku ORDER BY label"),
            Distinct("SELECT DISTINCT product_line, NULL FROM products ORDER BY 1"),
            Distinct("SELECT DISTINCT defect_category, NULL FROM complaints WHERE defect_category IS NOT NULL ORDER BY 1"),
            Distinct("SELECT DISTINCT channel, NULL FROM complaints WHERE channel IS NOT NULL ORDER BY 1"),
            Distinct("SELECT DISTINCT segment, NULL FROM customers WHERE segment IS NOT NULL ORDER BY 1"),
            Distinct("SELECT DISTINCT country, NULL FROM customers WHERE country IS NOT NULL ORDER BY 1"),
            Distinct("SELECT DISTINCT status, NULL FROM complaints ORDER BY 1"));
    }
}
