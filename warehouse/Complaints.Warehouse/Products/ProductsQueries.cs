using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Products;

/// <summary>
/// Complaint rates per 1,000 units sold and the defect Pareto; the Products page and its API call these. The complaints'
/// counts come from the Overview's rollup (<c>complaint_daily</c>) where it covers the filter, else from the facts.
/// </summary>
/// <param name="readRollup">False reads every figure from the facts: for tests and benchmarks that compare the two.</param>
public sealed class ProductsQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, bool readRollup = true)
{
    private readonly ReportingOptions _reporting = reporting.Value;

    public async Task<ProductFigures> GetAsync(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var cells = Task.Run(() => SalesCells(filter), cancellationToken);
        var defects = Task.Run(() => DefectPareto(filter), cancellationToken);
        var rates = ProductRates.Of(await cells);
        return new ProductFigures(rates.Products, rates.Months, await defects);
    }

    /// <summary>Complaints and units sold per (product, month) of the period.</summary>
    public IReadOnlyList<SalesCell> SalesCells(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        var rollup = UsesRollup(connection, filter);
        var sql = Sql("SalesCells").Replace("/*cells*/", Sql(rollup ? "Rollup.SalesCells" : "SalesCells.Facts").TrimEnd() + ",", StringComparison.Ordinal);
        return Query(connection, sql, rollup, filter, r => new SalesCell(r.GetString(0), r.GetString(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3)),
            r.GetInt64(4), r.NullableDouble(5)));
    }

    public IReadOnlyList<DefectShare> DefectPareto(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        var rollup = UsesRollup(connection, filter);
        var counts = Query(connection, Sql(rollup ? "Rollup.DefectPareto" : "DefectPareto"), rollup, filter, r => (Category: r.NullableString(0), Complaints: r.GetInt64(1)));
        var total = (double)counts.Sum(c => c.Complaints);
        long running = 0;
        return counts.Select(c => new DefectShare(c.Category, c.Complaints, (running += c.Complaints) / total)).ToList();
    }

    private bool UsesRollup(DuckDB.NET.Data.DuckDBConnection connection, ComplaintFilter filter) =>
        readRollup && Rollups.ComplaintRollup.Answers(connection, filter, _reporting);

    /// <summary>The query over the rollup (its predicate and days) or over the facts (the shared filter), with the period's days.</summary>
    private List<T> Query<T>(DuckDB.NET.Data.DuckDBConnection connection, string sql, bool rollup, ComplaintFilter filter, Func<System.Data.IDataRecord, T> map) =>
        rollup
            ? Rollups.RollupFilter.QueryRollup(connection, sql, filter, _reporting, map)
            : connection.QueryFiltered(sql, filter, _reporting, map, ("from_day", filter.From), ("to_day", filter.To));

    private static string Sql(string name) => Warehouse.Sql.Load(typeof(ProductsQueries).Assembly, $"Products.{name}.sql");
}

/// <summary>Complaints received in one product's month, and its units sold (pro rata at the period's edges; null: no figure).</summary>
public sealed record SalesCell(string Sku, string Name, string ProductLine, DateOnly Month, long Complaints, double? UnitsSold);
