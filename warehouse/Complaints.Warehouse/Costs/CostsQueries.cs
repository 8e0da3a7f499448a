using System.Data;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Costs;

public sealed record CostFigures(
    DateTimeOffset AsOf,
    CostSummary Summary,
    IReadOnlyList<ProductCostFigure> PerProduct,
    IReadOnlyList<ProductLineCost> PerProductLine,
    IReadOnlyList<CostTypeCost> PerCostType,
    IReadOnlyList<MonthCost> Trend,
    IReadOnlyList<UnitsSoldCost> PerThousandUnits,
    SlaPenalties Penalties);

/// <summary>
/// Converted totals in the reporting currency. Per complaint: over all filtered complaints; per costed complaint: over
/// those with any booking. Unconverted bookings (no rate for their month, none configured) are counted and named.
/// </summary>
public sealed record CostSummary(
    string Currency, long Complaints, long CostedComplaints, decimal Amount, decimal? PerComplaint, decimal? PerCostedComplaint,
    long Costs, long UnconvertedCosts, IReadOnlyList<string> UnconvertedCurrencies);

/// <summary>A product's converted cost and the complaints with any booking behind it.</summary>
public sealed record ProductCostFigure(string Sku, string Name, string ProductLine, decimal Amount, long Complaints);

public sealed record ProductLineCost(string ProductLine, decimal Amount, long Complaints);

/// <summary>Bookings of one type over the filtered complaints; complaints counts those with at least one booking of the type.</summary>
public sealed record CostTypeCost(string CostType, decimal Amount, long Costs, long Complaints, long UnconvertedCosts);

/// <summary>Converted cost booked in one month (its first day).</summary>
public sealed record MonthCost(DateOnly Month, decimal Amount, long Costs);

/// <summary>A product's complaint cost per 1,000 units sold, over the months of the filter that have units sold.</summary>
public sealed record UnitsSoldCost(string Sku, string Name, string ProductLine, decimal Amount, long Units, decimal PerThousandUnits);

/// <summary>Configured penalties (Sla:Penalties) times the breaches they apply to, as of <see cref="CostFigures.AsOf"/>.</summary>
public sealed record SlaPenalties(
    decimal PerResolutionBreach, decimal PerStatutoryMiss, long ResolutionBreaches, long StatutoryMisses, decimal Amount,
    IReadOnlyList<ProductLinePenalty> PerProductLine);

public sealed record ProductLinePenalty(string ProductLine, long ResolutionBreaches, long StatutoryMisses, decimal Amount);

/// <summary>The Costs page's figures over the cost rollup; page and API call these.</summary>
public sealed class CostsQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, IOptions<SlaOptions> sla, TimeProvider time)
{
    private readonly ReportingOptions _reporting = reporting.Value;
    private readonly SlaPenaltySettings _penalties = sla.Value.Penalties;

    public async Task<CostFigures> GetAsync(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        filter = filter.AsOfOr(time.GetUtcNow());
        // Each figure on its own connection: DuckDB runs them side by side.
        var summary = Run(() => Summary(filter), cancellationToken);
        var perProduct = Run(() => PerProduct(filter), cancellationToken);
        var perType = Run(() => PerCostType(filter), cancellationToken);
        var trend = Run(() => Trend(filter), cancellationToken);
        var perUnits = Run(() => PerThousandUnits(filter), cancellationToken);
        var penalties = Run(() => Penalties(filter), cancellationToken);
        var products = await perProduct;
        return new CostFigures(filter.AsOf!.Value, await summary, products, PerProductLine(products), await perType, await trend, await perUnits, await penalties);
    }

    public CostSummary Summary(ComplaintFilter filter) => Query("Summary", filter, r =>
    {
        long complaints = r.GetInt64(0), costed = r.GetInt64(1);
        var amount = Money(r, 2);
        return new CostSummary(_reporting.Currency, complaints, costed, amount,
            complaints == 0 ? null : decimal.Round(amount / complaints, 2), costed == 0 ? null : decimal.Round(amount / costed, 2),
            r.GetInt64(3), r.GetInt64(4), r.NullableString(5)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    }).Single();

    public IReadOnlyList<ProductCostFigure> PerProduct(ComplaintFilter filter) => Query("PerProduct", filter,
        r => new ProductCostFigure(r.GetString(0), r.GetString(1), r.GetString(2), Money(r, 3), r.GetInt64(4)));

    /// <summary>Each complaint has one product, so a line's figures are its products' sums.</summary>
    public static IReadOnlyList<ProductLineCost> PerProductLine(IEnumerable<ProductCostFigure> products) =>
        [.. products.GroupBy(p => p.ProductLine).Select(g => new ProductLineCost(g.Key, g.Sum(p => p.Amount), g.Sum(p => p.Complaints)))
            .OrderByDescending(l => l.Amount).ThenBy(l => l.ProductLine, StringComparer.Ordinal)];

    public IReadOnlyList<CostTypeCost> PerCostType(ComplaintFilter filter) => Query("PerCostType", filter,
        r => new CostTypeCost(r.GetString(0), Money(r, 1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));

    public IReadOnlyList<MonthCost> Trend(ComplaintFilter filter) => Query("Trend", filter,
        r => new MonthCost(DateOnly.FromDateTime(r.GetDateTime(0)), Money(r, 1), r.GetInt64(2)));

    public IReadOnlyList<UnitsSoldCost> PerThousandUnits(ComplaintFilter filter)
    {
        DateOnly? Month(DateOnly? day) => day is { } d ? new DateOnly(d.Year, d.Month, 1) : null;
        return Query("PerThousandUnits", filter, r =>
        {
            var amount = Money(r, 3);
            var units = r.GetInt64(4);
            return new UnitsSoldCost(r.GetString(0), r.GetString(1), r.GetString(2), amount, units, decimal.Round(amount * 1000m / units, 2));
        }, ("from_month", Month(filter.From)), ("to_month", Month(filter.To)));
    }

    public SlaPenalties Penalties(ComplaintFilter filter)
    {
        var lines = Query("Penalties", filter.AsOfOr(time.GetUtcNow()), r => new ProductLinePenalty(r.GetString(0), r.GetInt64(1), r.GetInt64(2), 0m))
            .Select(l => l with { Amount = l.ResolutionBreaches * _penalties.ResolutionBreach + l.StatutoryMisses * _penalties.StatutoryMiss })
            .Where(l => l.ResolutionBreaches + l.StatutoryMisses > 0)
            .ToList();
        return new SlaPenalties(_penalties.ResolutionBreach, _penalties.StatutoryMiss, lines.Sum(l => l.ResolutionBreaches), lines.Sum(l => l.StatutoryMisses),
            lines.Sum(l => l.Amount), lines);
    }

    private static decimal Money(IDataRecord r, int i) => r.IsDBNull(i) ? 0m : decimal.Round(Convert.ToDecimal(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), 2);

    private static Task<T> Run<T>(Func<T> query, CancellationToken cancellationToken) => Task.Run(query, cancellationToken);

    private List<T> Query<T>(string name, ComplaintFilter filter, Func<IDataRecord, T> map, params (string, object?)[] extra)
    {
        var sql = Warehouse.Sql.Load(typeof(CostsQueries).Assembly, $"Costs.{name}.sql");
        using var connection = warehouse.OpenConnection();
        return connection.QueryFiltered(sql, filter, _reporting, map, extra);
    }
}
