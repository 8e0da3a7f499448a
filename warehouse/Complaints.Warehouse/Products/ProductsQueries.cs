using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Products;

/// <summary>Complaint rates per 1,000 units sold and the defect Pareto; the Products page and its API call these.</summary>
public sealed class ProductsQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
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
    public IReadOnlyList<SalesCell> SalesCells(ComplaintFilter filter) =>
        Query("SalesCells", filter, r => new SalesCell(r.GetString(0), r.GetString(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3)),
            r.GetInt64(4), r.NullableDouble(5)), ("from_day", filter.From), ("to_day", filter.To));

    public IReadOnlyList<DefectShare> DefectPareto(ComplaintFilter filter)
    {
        var counts = Query("DefectPareto", filter, r => (Category: r.NullableString(0), Complaints: r.GetInt64(1)));
        var total = (double)counts.Sum(c => c.Complaints);
        long running = 0;
        return counts.Select(c => new DefectShare(c.Category, c.Complaints, (running += c.Complaints) / total)).ToList();
    }

    private List<T> Query<T>(string name, ComplaintFilter filter, Func<System.Data.IDataRecord, T> map, params (string Name, object? Value)[] extra)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryFiltered(Sql.Load(typeof(ProductsQueries).Assembly, $"Products.{name}.sql"), filter, _reporting, map, extra);
    }
}

/// <summary>Complaints received in one product's month, and its units sold (pro rata at the period's edges; null: no figure).</summary>
public sealed record SalesCell(string Sku, string Name, string ProductLine, DateOnly Month, long Complaints, double? UnitsSold);
