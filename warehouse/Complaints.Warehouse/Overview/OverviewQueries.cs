using System.Data;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Overview;

/// <summary>The Overview's figures; page, API and (later) exports all call these.</summary>
public sealed class OverviewQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
{
    private readonly ReportingOptions _reporting = reporting.Value;

    public async Task<OverviewFigures> GetAsync(ComplaintFilter filter, TimeBucket bucket = TimeBucket.Month, CancellationToken cancellationToken = default)
    {
        // Each figure on its own connection: DuckDB runs them side by side.
        var totals = Run(() => Totals(filter), cancellationToken);
        var kpis = Run(() => Kpis(filter), cancellationToken);
        var perProduct = Run(() => ComplaintsPerProduct(filter), cancellationToken);
        var trend = Run(() => Trend(filter, bucket), cancellationToken);
        var handling = Run(() => HandlingTimePerProduct(filter), cancellationToken);
        var costs = Run(() => CostPerProduct(filter), cancellationToken);
        return new OverviewFigures(await totals, await kpis, await perProduct, bucket, await trend, await handling, await costs);
    }

    /// <summary>Key figures, compared with the period of the same length just before the filter's dates.</summary>
    public Kpis Kpis(ComplaintFilter filter)
    {
        var current = KpiValues(filter);
        if (filter is not { From: { } from, To: { } to })
            return new Kpis(current, null, null, null);
        var days = to.DayNumber - from.DayNumber + 1;
        var previous = filter with { From = from.AddDays(-days), To = from.AddDays(-1) };
        return new Kpis(current, KpiValues(previous), previous.From, previous.To);
    }

    private KpiValues KpiValues(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        return Query(connection, Sql("Kpis"), filter, r => new KpiValues(r.GetInt64(0), r.GetInt64(1), r.NullableDouble(2),
            r.IsDBNull(3) ? 0m : decimal.Round(r.GetDecimal(3), 2), r.NullableDouble(4), r.GetInt64(5))).Single();
    }

    public OverviewTotals Totals(ComplaintFilter filter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(_reporting.TimeZone);
        DateOnly? LocalDate(IDataRecord r, int i) => r.IsDBNull(i) ? null : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.GetInstant(i), zone).DateTime);
        return Query(Sql("Totals"), filter, r => new OverviewTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), LocalDate(r, 3), LocalDate(r, 4), r.GetInt64(5))).Single();
    }

    public IReadOnlyList<ProductCount> ComplaintsPerProduct(ComplaintFilter filter) => Query(Sql("ComplaintsPerProduct"), filter,
        r => new ProductCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));

    public IReadOnlyList<PeriodCount> Trend(ComplaintFilter filter, TimeBucket bucket = TimeBucket.Month) => Query(Sql("Trend"), filter,
        r => new PeriodCount(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1)), ("bucket", bucket.ToString().ToLowerInvariant()));

    public IReadOnlyList<ProductHandlingTime> HandlingTimePerProduct(ComplaintFilter filter) => Query(Sql("HandlingTimePerProduct"), filter,
        r => new ProductHandlingTime(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetInt64(4)));

    public ProductCosts CostPerProduct(ComplaintFilter filter)
    {
        var rows = Query(Sql("CostPerProduct"), filter,
            r => (Sku: r.NullableString(0), Name: r.NullableString(1), Line: r.NullableString(2), Amount: r.IsDBNull(3) ? 0m : r.GetDecimal(3),
                  Unconverted: r.GetInt64(4), Currencies: r.NullableString(5)));
        var products = rows.Where(r => r.Sku is not null)
            .Select(r => new ProductCost(r.Sku!, r.Name!, r.Line!, decimal.Round(r.Amount, 2)))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Sku, StringComparer.Ordinal).ToList();
        var unconverted = rows.Single(r => r.Sku is null);
        return new ProductCosts(_reporting.Currency, products, products.Sum(p => p.Amount), unconverted.Unconverted,
            unconverted.Currencies?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    }

    private static Task<T> Run<T>(Func<T> query, CancellationToken cancellationToken) => Task.Run(query, cancellationToken);

    private static string Sql(string name) => Warehouse.Sql.Load(typeof(OverviewQueries).Assembly, $"Overview.{name}.sql");

    private List<T> Query<T>(string sql, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra)
    {
        using var connection = warehouse.OpenConnection();
        return Query(connection, sql, filter, map, extra);
    }

    private List<T> Query<T>(DuckDBConnection connection, string sql, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra) =>
        connection.QueryFiltered(sql, filter, _reporting, map, extra);
}
