namespace Complaints.Warehouse.Products;

/// <summary>The Products page's figures: complaint rates per product and per month, and the defect Pareto.</summary>
public sealed record ProductFigures(IReadOnlyList<ProductRate> Products, IReadOnlyList<MonthRate> Months, IReadOnlyList<DefectShare> Defects);

/// <summary>Complaint rates per product and per month, added up from the period's (product, month) cells.</summary>
public sealed record ProductRates(IReadOnlyList<ProductRate> Products, IReadOnlyList<MonthRate> Months)
{
    /// <summary>Whether any product has units sold in the period, i.e. whether rates can be shown at all.</summary>
    public bool HasSales => Products.Any(p => p.UnitsSold > 0);

    /// <summary>Rates add complaints and units over the cells that have units; a cell without a sales figure adds only to the count.</summary>
    public static ProductRates Of(IReadOnlyList<SalesCell> cells)
    {
        var products = cells.GroupBy(c => (c.Sku, c.Name, c.ProductLine))
            .Select(g => new ProductRate(g.Key.Sku, g.Key.Name, g.Key.ProductLine, g.Sum(c => c.Complaints),
                g.Where(c => c.UnitsSold is not null).Sum(c => c.Complaints), g.Sum(c => c.UnitsSold ?? 0)))
            .Where(p => p.Complaints > 0)
            .OrderByDescending(p => p.PerThousandUnits ?? -1).ThenByDescending(p => p.Complaints).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .ToList();
        var months = cells.GroupBy(c => c.Month)
            .Select(g => new MonthRate(g.Key, g.Sum(c => c.Complaints), g.Where(c => c.UnitsSold is not null).Sum(c => c.Complaints), g.Sum(c => c.UnitsSold ?? 0)))
            .OrderBy(m => m.Month)
            .ToList();
        return new ProductRates(products, months);
    }
}

/// <summary>
/// A product's complaints in the period and its rate per 1,000 units sold. The rate counts only the months that have a
/// sales figure (<see cref="ComplaintsWithSales"/>); complaints of months without one are in <see cref="Complaints"/>
/// but not in the rate. No sales at all: no rate.
/// </summary>
public sealed record ProductRate(string Sku, string Name, string ProductLine, long Complaints, long ComplaintsWithSales, double UnitsSold)
{
    public double? PerThousandUnits => SalesRate.PerThousand(ComplaintsWithSales, UnitsSold);
}

/// <summary>One calendar month of the reporting zone (its first day): complaints, units sold, and the rate where both exist.</summary>
public sealed record MonthRate(DateOnly Month, long Complaints, long ComplaintsWithSales, double UnitsSold)
{
    public double? PerThousandUnits => SalesRate.PerThousand(ComplaintsWithSales, UnitsSold);
}

/// <summary>A defect category's complaints, and the running share of all complaints up to and including it (Pareto order).</summary>
public sealed record DefectShare(string? Category, long Complaints, double CumulativeShare);

internal static class SalesRate
{
    public static double? PerThousand(long complaints, double units) => units > 0 ? complaints * 1000.0 / units : null;
}
