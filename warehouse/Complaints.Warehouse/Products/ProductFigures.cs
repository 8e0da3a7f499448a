namespace Complaints.Warehouse.Products;

/// <summary>The Products page's figures: complaint rates per product and per month, and the defect Pareto.</summary>
public sealed record ProductFigures(IReadOnlyList<ProductRate> Products, IReadOnlyList<MonthRate> Months, IReadOnlyList<DefectShare> Defects)
{
    /// <summary>Whether any product has units sold in the period, i.e. whether rates can be shown at all.</summary>
    public bool HasSales => Products.Any(p => p.UnitsSold > 0);
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
