using System.Data;
using Complaints.Warehouse.Rollups;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Overview;

/// <summary>
/// The Overview's figures; page, API and exports all call these. A filter the rollup covers (days, products, categories,
/// channels, statuses: <see cref="RollupFilter"/>) is answered from it, exactly for counts and sums; medians come from the
/// handling-time sketch when it covers the filter too, within <see cref="HandlingSketch.RelativeError"/>. Anything else,
/// or a warehouse whose rollup is not built yet, reads the facts.
/// </summary>
/// <param name="readRollup">False reads every figure from the facts: for tests and benchmarks that compare the two.</param>
public sealed class OverviewQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, bool readRollup = true)
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
        return new OverviewFigures(await totals, await kpis, await perProduct, bucket, await trend, await handling, await costs,
            MedianErrorOf(filter));
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
        static KpiValues Map(IDataRecord r) => new(r.GetInt64(0), r.GetInt64(1), r.NullableDouble(2),
            r.IsDBNull(3) ? 0m : decimal.Round(r.GetDecimal(3), 2), r.NullableDouble(4), r.GetInt64(5));
        if (!UsesRollup(connection, filter))
            return Query(connection, Sql("Kpis"), filter, Map).Single();
        var values = QueryRollup(connection, Sql("Rollup.Kpis"), filter, Map).Single();
        return values with { MedianHandlingDays = MedianDays(connection, filter) };
    }

    /// <summary>The median handling time of all the filter's resolved complaints: from the sketch where it covers the filter.</summary>
    private double? MedianDays(DuckDBConnection connection, ComplaintFilter filter)
    {
        if (!RollupFilter.SketchCovers(filter))
            return Query(connection, Sql("MedianHandling"), filter, r => r.NullableDouble(0)).Single();
        var bins = QueryRollup(connection, Sql("Rollup.HandlingBinsAll"), filter, r => (Bin: r.GetInt32(0), Count: r.GetInt64(1)));
        return HandlingSketch.Quantile(bins, 0.5) / 86400.0;
    }

    /// <summary>How far the medians may be from the exact ones for this filter: null when they are exact (read from the facts).</summary>
    public double? MedianErrorOf(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        return UsesRollup(connection, filter) && RollupFilter.SketchCovers(filter) ? HandlingSketch.RelativeError : null;
    }

    public OverviewTotals Totals(ComplaintFilter filter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(_reporting.TimeZone);
        DateOnly? LocalDate(IDataRecord r, int i) => r.IsDBNull(i) ? null : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.GetInstant(i), zone).DateTime);
        OverviewTotals Map(IDataRecord r) => new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), LocalDate(r, 3), LocalDate(r, 4), r.GetInt64(5));
        using var connection = warehouse.OpenConnection();
        return (UsesRollup(connection, filter) ? QueryRollup(connection, Sql("Rollup.Totals"), filter, Map) : Query(connection, Sql("Totals"), filter, Map)).Single();
    }

    public IReadOnlyList<ProductCount> ComplaintsPerProduct(ComplaintFilter filter) => QueryEither("ComplaintsPerProduct", filter,
        r => new ProductCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));

    public IReadOnlyList<PeriodCount> Trend(ComplaintFilter filter, TimeBucket bucket = TimeBucket.Month) => QueryEither("Trend", filter,
        r => new PeriodCount(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1)), ("bucket", bucket.ToString().ToLowerInvariant()));

    public IReadOnlyList<ProductHandlingTime> HandlingTimePerProduct(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        if (!UsesRollup(connection, filter) || !RollupFilter.SketchCovers(filter))
            return Query(connection, Sql("HandlingTimePerProduct"), filter,
                r => new ProductHandlingTime(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetInt64(4)));
        var bins = QueryRollup(connection, Sql("Rollup.HandlingBins"), filter,
            r => (Sku: r.GetString(0), Name: r.GetString(1), Line: r.GetString(2), Bin: r.GetInt32(3), Count: r.GetInt64(4)));
        return [.. bins.GroupBy(b => (b.Sku, b.Name, b.Line))
            .Select(g => new ProductHandlingTime(g.Key.Sku, g.Key.Name, g.Key.Line,
                HandlingSketch.Quantile([.. g.Select(b => (b.Bin, b.Count))], 0.5)!.Value / 86400.0, g.Sum(b => b.Count)))
            .OrderByDescending(p => p.MedianDays).ThenBy(p => p.Sku, StringComparer.Ordinal)];
    }

    public ProductCosts CostPerProduct(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        var rollup = UsesRollup(connection, filter);
        static CostRow Map(IDataRecord r) => new(r.NullableString(0), r.NullableString(1), r.NullableString(2),
            r.IsDBNull(3) ? 0m : r.GetDecimal(3), r.GetInt64(4), r.NullableString(5));
        var rows = rollup ? QueryRollup(connection, Sql("Rollup.CostPerProduct"), filter, Map) : Query(connection, Sql("CostPerProduct"), filter, Map);
        var products = rows.Where(r => r.Sku is not null)
            .Select(r => new ProductCost(r.Sku!, r.Name!, r.Line!, decimal.Round(r.Amount, 2)))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Sku, StringComparer.Ordinal).ToList();
        var unconverted = rows.Single(r => r.Sku is null);
        return new ProductCosts(_reporting.Currency, products, products.Sum(p => p.Amount), unconverted.Unconverted,
            unconverted.Currencies?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    }

    private sealed record CostRow(string? Sku, string? Name, string? Line, decimal Amount, long Unconverted, string? Currencies);

    private static Task<T> Run<T>(Func<T> query, CancellationToken cancellationToken) => Task.Run(query, cancellationToken);

    private static string Sql(string name) => Warehouse.Sql.Load(typeof(OverviewQueries).Assembly, $"Overview.{name}.sql");

    private List<T> Query<T>(string sql, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra)
    {
        using var connection = warehouse.OpenConnection();
        return Query(connection, sql, filter, map, extra);
    }

    private List<T> Query<T>(DuckDBConnection connection, string sql, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra) =>
        connection.QueryFiltered(sql, filter, _reporting, map, extra);

    private bool UsesRollup(DuckDBConnection connection, ComplaintFilter filter) =>
        readRollup && ComplaintRollup.Answers(connection, filter, _reporting);

    /// <summary>The rollup's version of a figure (Overview/Rollup/NAME.sql) where it covers the filter, else the facts' (Overview/NAME.sql).</summary>
    private List<T> QueryEither<T>(string name, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra)
    {
        using var connection = warehouse.OpenConnection();
        return UsesRollup(connection, filter) ? QueryRollup(connection, Sql("Rollup." + name), filter, map, extra) : Query(connection, Sql(name), filter, map, extra);
    }

    private List<T> QueryRollup<T>(DuckDBConnection connection, string sql, ComplaintFilter filter, Func<IDataRecord, T> map, params (string Name, object? Value)[] extra) =>
        connection.QueryRollup(sql, filter, _reporting, map, extra);
}
