using System.Globalization;

namespace Complaints.Warehouse.Rollups;

/// <summary>
/// Which filters the rollup answers, and its predicate over <c>complaint_daily d</c> or <c>handling_sketch d</c>. The
/// rollup keeps days, products, defect categories, channels and statuses; a filter on anything else (segment, country,
/// a drill-down) is answered from the facts. A field added to <see cref="ComplaintFilter"/> later is not covered until
/// it is named here, so it can never be ignored.
/// </summary>
public static class RollupFilter
{
    /// <summary>Whether <c>complaint_daily</c> holds the filter's complaints exactly.</summary>
    public static bool Covers(ComplaintFilter filter) =>
        filter with { From = null, To = null, Product = null, Line = null, Category = null, Channel = null, Status = null } == ComplaintFilter.All;

    /// <summary>Whether <c>handling_sketch</c> (days × products only) holds the filter's resolved complaints.</summary>
    public static bool SketchCovers(ComplaintFilter filter) =>
        filter with { From = null, To = null, Product = null, Line = null } == ComplaintFilter.All;

    public static string Predicate(ComplaintFilter filter)
    {
        var clauses = new List<string>();
        if (filter.From is not null) clauses.Add("d.received_day >= CAST($from_day AS DATE)");
        if (filter.To is not null) clauses.Add("d.received_day <= CAST($to_day AS DATE)");
        if (filter.Product is not null) clauses.Add("d.product_sku = $product");
        if (filter.Line is not null) clauses.Add("d.product_sku IN (SELECT p.sku FROM products p WHERE p.product_line = $line)");
        if (filter.Category is not null) clauses.Add("d.defect_category = $category");
        if (filter.Channel is not null) clauses.Add("d.channel = $channel");
        if (filter.Status is not null) clauses.Add("d.status = $status");
        return clauses.Count == 0 ? "TRUE" : "(" + string.Join(" AND ", clauses) + ")";
    }

    /// <summary>A query over a rollup table: the filter's predicate put in the SQL's rollup placeholder, its values bound.</summary>
    public static List<T> QueryRollup<T>(this DuckDB.NET.Data.DuckDBConnection connection, string sql, ComplaintFilter filter, ReportingOptions reporting,
        Func<System.Data.IDataRecord, T> map, params (string Name, object? Value)[] extra) =>
        connection.QueryList(sql.Replace("/*rollup*/", Predicate(filter), StringComparison.Ordinal), map, [.. Parameters(filter, reporting), .. extra]);

    /// <summary>The filter's own values, and its days as the rollup compares them.</summary>
    public static (string Name, object? Value)[] Parameters(ComplaintFilter filter, ReportingOptions reporting) =>
        [.. filter.Parameters(reporting), ("from_day", Day(filter.From)), ("to_day", Day(filter.To))];

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
