using System.Data;
using Complaints.Warehouse.Rollups;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Sla;

public sealed record SlaFigures(
    DateTimeOffset AsOf,
    SlaAchievement Achievement,
    IReadOnlyList<SlaBreaches> BreachesByProductLine,
    IReadOnlyList<SlaBreaches> BreachesByChannel,
    IReadOnlyList<SlaBreaches> BreachesBySegment,
    IReadOnlyList<SlaBreaches> BreachesByTeam,
    IReadOnlyList<BacklogBucket> Backlog,
    IReadOnlyList<ProductHandlingTimes> HandlingTimePerProduct,
    IReadOnlyList<DueComplaint> DueSoon,
    IReadOnlyList<StatusTime> TimePerStatus,
    double? MedianRelativeError = null)
{
    /// <summary>Complaints the figures leave out for want of a date, and why (empty when none is).</summary>
    public IReadOnlyList<LeftOut> LeftOut => Achievement.LeftOut();
}

/// <summary>
/// Percentages are over decided complaints only (null when none is decided yet): a complaint is decided for a target once
/// it was met or breached, or its due instant passed without it while open. Statutory: answered, or open and unanswered past
/// the deadline. The <c>…TimeUnknown</c> counts are complaints in an ending status without the date a target needs (closed,
/// time unknown): neither met nor breached, so in no percentage.
/// </summary>
public sealed record SlaAchievement(
    long Complaints,
    long FirstResponseDecided, long FirstResponseMet, double? FirstResponsePercent,
    long ResolutionDecided, long ResolutionMet, double? ResolutionPercent,
    long StatutoryDecided, long StatutoryMet, double? StatutoryPercent,
    long Reopened, double? ReopenRatePercent,
    long FirstResponseTimeUnknown = 0, long ResolutionTimeUnknown = 0, long StatutoryTimeUnknown = 0)
{
    public IReadOnlyList<LeftOut> LeftOut()
    {
        var leftOut = new List<LeftOut>();
        if (ResolutionTimeUnknown > 0)
            leftOut.Add(Warehouse.LeftOut.NoResolutionDate(ResolutionTimeUnknown, "resolution-time and handling-time figures"));
        if (StatutoryTimeUnknown > 0)
            leftOut.Add(Warehouse.LeftOut.NoAnswerDate(StatutoryTimeUnknown, "statutory-deadline figures (outcome unknown)"));
        if (FirstResponseTimeUnknown > 0)
            leftOut.Add(Warehouse.LeftOut.NoFirstResponseDate(FirstResponseTimeUnknown, "first-response figures"));
        return leftOut;
    }
}

/// <summary>Complaints of one dimension value, and how many breached either target (first response or resolution).</summary>
public sealed record SlaBreaches(string Value, long Complaints, long Breached, long FirstResponseBreached, long ResolutionBreached);

/// <summary>Open complaints of one age bucket (whole local days since receipt: 0-3, 4-7, 8-14, >14).</summary>
public sealed record BacklogBucket(string Bucket, long Complaints, long Overdue);

/// <summary>An open complaint's resolution due instant and the time left until it (negative once overdue).</summary>
public sealed record DueComplaint(string Source, string ExternalId, string Sku, string Policy, DateTimeOffset DueAt, double HoursLeft);

/// <summary>Time complaints spent in one status, from their status events (intervals still open are left out).</summary>
public sealed record StatusTime(string Status, long Intervals, double MedianHours, double TotalHours);

public sealed record ProductHandlingTimes(string Sku, string Name, string ProductLine, long Resolved, double MedianDays, double P90Days, double? MedianBusinessHours);

/// <summary>
/// The SLA figures over the stored per-complaint measures; page, API and exports call these. At the instant now, a filter
/// the SLA rollup covers (days, products, lines, categories, channels, statuses: <see cref="RollupFilter"/>) is answered
/// from it (<see cref="SlaRollup"/>): exactly for counts, and for medians within the sketch's stated error, which only
/// days, products and lines are kept for. Anything else, and figures as of a past instant, come from the facts.
/// </summary>
/// <param name="readRollup">False reads every figure from the facts: for tests and benchmarks that compare the two.</param>
public sealed class SlaQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, TimeProvider time, bool readRollup = true)
{
    public static readonly IReadOnlyList<string> BacklogBuckets = ["0-3", "4-7", "8-14", ">14"];

    public const int DueSoonShown = 20;

    private readonly ReportingOptions _reporting = reporting.Value;

    public enum Dimension { ProductLine, Channel, Segment, Team }

    /// <summary>All figures as of the filter's as-of instant, or now (the injected clock).</summary>
    public async Task<SlaFigures> GetAsync(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var asOf = filter.AsOf ?? time.GetUtcNow();
        var achievement = Run(() => Achievement(filter, asOf), cancellationToken);
        var byLine = Run(() => BreachesBy(Dimension.ProductLine, filter, asOf), cancellationToken);
        var byChannel = Run(() => BreachesBy(Dimension.Channel, filter, asOf), cancellationToken);
        var bySegment = Run(() => BreachesBy(Dimension.Segment, filter, asOf), cancellationToken);
        var byTeam = Run(() => BreachesBy(Dimension.Team, filter, asOf), cancellationToken);
        var backlog = Run(() => Backlog(filter, asOf), cancellationToken);
        var handling = Run(() => HandlingTimePerProduct(filter), cancellationToken);
        var dueSoon = Run(() => DueSoon(filter, asOf, DueSoonShown), cancellationToken);
        var perStatus = Run(() => TimePerStatus(filter), cancellationToken);
        return new SlaFigures(asOf, await achievement, await byLine, await byChannel, await bySegment, await byTeam, await backlog, await handling,
            await dueSoon, await perStatus, MedianRelativeError(filter));
    }

    /// <summary>How far, relatively, the handling-time and time-per-status medians may be from the exact ones: null when exact.</summary>
    public double? MedianRelativeError(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        return UsesSketch(connection, filter) ? HandlingSketch.RelativeError : null;
    }

    public SlaAchievement Achievement(ComplaintFilter filter, DateTimeOffset asOf)
    {
        static SlaAchievement Map(IDataRecord r)
        {
            long L(int i) => r.GetInt64(i);
            return new SlaAchievement(L(0), L(1), L(2), Percent(L(2), L(1)), L(3), L(4), Percent(L(4), L(3)),
                L(5), L(6), Percent(L(6), L(5)), L(7), Percent(L(7), L(0)), L(8), L(9), L(10));
        }
        // One way of judging and counting, over the facts or over the rollup's unsettled complaints beside its counts.
        var judging = Sql("Achievement");
        using var connection = warehouse.OpenConnection();
        return (UsesRollup(connection, filter, asOf)
            ? QueryRollup(connection, Sql("Rollup.Achievement").Replace("/*live*/", judging.Replace("/*judged*/", Sql("Rollup.Judged"), StringComparison.Ordinal),
                StringComparison.Ordinal), filter, asOf, Map)
            : QueryFacts(connection, judging.Replace("/*judged*/", Sql("Judged"), StringComparison.Ordinal), filter, asOf, Map)).Single();
    }

    public IReadOnlyList<SlaBreaches> BreachesBy(Dimension dimension, ComplaintFilter filter, DateTimeOffset asOf)
    {
        SlaBreaches Map(IDataRecord r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        using var connection = warehouse.OpenConnection();
        return UsesRollup(connection, filter, asOf)
            ? QueryRollup(connection, RollupBreachesSql(dimension), filter, asOf, Map)
            : QueryFacts(connection, Sql("BreachesBy").Replace("/*dimension*/", DimensionColumn(dimension), StringComparison.Ordinal), filter, asOf, Map);
    }

    /// <summary>The dimension's column over the facts (complaints c, products p, customers cu).</summary>
    private static string DimensionColumn(Dimension dimension) => dimension switch
    {
        Dimension.ProductLine => "coalesce(p.product_line, 'Unknown')",
        Dimension.Channel => "coalesce(c.channel, 'unknown')",
        Dimension.Segment => "coalesce(cu.segment, 'unknown')",
        Dimension.Team => "coalesce(c.team, 'unknown')",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary>The rollup's breaches, added up by one of its columns and then named: a product line through its products.</summary>
    private static string RollupBreachesSql(Dimension dimension)
    {
        var (key, name, products) = dimension switch
        {
            Dimension.ProductLine => ("d.product_sku", "coalesce(p.product_line, 'Unknown')", "LEFT JOIN products p ON p.sku = k.key"),
            Dimension.Channel => ("d.channel", "coalesce(k.key, 'unknown')", ""),
            Dimension.Segment => ("d.segment", "coalesce(k.key, 'unknown')", ""),
            Dimension.Team => ("d.team", "coalesce(k.key, 'unknown')", ""),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
        return Sql("Rollup.BreachesBy").Replace("/*key*/", key, StringComparison.Ordinal).Replace("/*dimension*/", name, StringComparison.Ordinal)
            .Replace("/*products*/", products, StringComparison.Ordinal);
    }

    /// <summary>Always the four buckets in order, empty ones with zero.</summary>
    public IReadOnlyList<BacklogBucket> Backlog(ComplaintFilter filter, DateTimeOffset asOf)
    {
        var rows = Query("Backlog", filter, asOf, r => new BacklogBucket(r.GetString(0), r.GetInt64(1), r.GetInt64(2))).ToDictionary(b => b.Bucket);
        return [.. BacklogBuckets.Select(b => rows.GetValueOrDefault(b) ?? new BacklogBucket(b, 0, 0))];
    }

    /// <summary>Open complaints nearest their resolution due time (overdue first), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DueComplaint> DueSoon(ComplaintFilter filter, DateTimeOffset asOf, int limit = 50) =>
        Query("DueSoon", filter, asOf, r => new DueComplaint(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
            r.GetInstant(4), Math.Round(Convert.ToDouble(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture) / 3600.0, 2)), ("limit", limit));

    public IReadOnlyList<StatusTime> TimePerStatus(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        if (!UsesSketch(connection, filter))
            return QueryFacts(connection, Sql("TimePerStatus"), filter, time.GetUtcNow(),
                r => new StatusTime(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3)));
        var bins = QueryRollup(connection, Sql("Rollup.StatusTimeBins"), filter, time.GetUtcNow(),
            r => (Status: r.GetString(0), Bin: r.GetInt32(1), Intervals: r.GetInt64(2), Seconds: r.GetDouble(3)));
        return [.. bins.GroupBy(b => b.Status, StringComparer.Ordinal)
            .Select(g => new StatusTime(g.Key, g.Sum(b => b.Intervals),
                HandlingSketch.Quantile([.. g.Select(b => (b.Bin, b.Intervals))], 0.5)!.Value / 3600.0, g.Sum(b => b.Seconds) / 3600.0))
            .OrderByDescending(t => t.TotalHours).ThenBy(t => t.Status, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ProductHandlingTimes> HandlingTimePerProduct(ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        if (!UsesSketch(connection, filter))
            return QueryFacts(connection, Sql("HandlingTime"), filter, time.GetUtcNow(), r => new ProductHandlingTimes(r.GetString(0), r.GetString(1),
                r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), r.NullableDouble(6)));
        var bins = QueryRollup(connection, Sql("Rollup.HandlingBins"), filter, time.GetUtcNow(),
            r => (Kind: r.GetString(0), Sku: r.GetString(1), Bin: r.GetInt32(2), Count: r.GetInt64(3)));
        var products = connection.QueryList("SELECT sku, name, product_line FROM products",
            r => (Sku: r.GetString(0), Name: r.NullableString(1), Line: r.NullableString(2))).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var business = bins.Where(b => b.Kind == "business").GroupBy(b => b.Sku, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => HandlingSketch.Quantile([.. g.Select(b => (b.Bin, b.Count))], 0.5), StringComparer.Ordinal);
        return [.. bins.Where(b => b.Kind == "calendar").GroupBy(b => b.Sku, StringComparer.Ordinal)
            .Select(g =>
            {
                List<(int, long)> calendar = [.. g.Select(b => (b.Bin, b.Count))];
                var product = products.GetValueOrDefault(g.Key);
                return new ProductHandlingTimes(g.Key, product.Name ?? g.Key, product.Line ?? "Unknown", g.Sum(b => b.Count),
                    HandlingSketch.Quantile(calendar, 0.5)!.Value / 86400.0, HandlingSketch.Quantile(calendar, 0.9)!.Value / 86400.0,
                    business.GetValueOrDefault(g.Key) / 3600.0);
            })
            .OrderByDescending(p => p.MedianDays).ThenBy(p => p.Sku, StringComparer.Ordinal)];
    }

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    private static Task<T> Run<T>(Func<T> query, CancellationToken cancellationToken) => Task.Run(query, cancellationToken);

    private static string Sql(string name) => Warehouse.Sql.Load(typeof(SlaQueries).Assembly, $"Sla.{name}.sql");

    /// <summary>The rollup's version of a figure (Sla/Rollup/NAME.sql) where it answers the filter at that instant, else the facts' (Sla/NAME.sql).</summary>
    private List<T> Query<T>(string name, ComplaintFilter filter, DateTimeOffset asOf, Func<IDataRecord, T> map, params (string, object?)[] extra)
    {
        using var connection = warehouse.OpenConnection();
        return UsesRollup(connection, filter, asOf)
            ? QueryRollup(connection, Sql("Rollup." + name), filter, asOf, map, extra)
            : QueryFacts(connection, Sql(name), filter, asOf, map, extra);
    }

    /// <summary>
    /// Whether the rollup answers: the filter is one it covers, judged now (the page's instant, not a past one), and the
    /// rollup was cut no later than that instant, so everything it counts as settled was settled by then.
    /// </summary>
    private bool UsesRollup(DuckDBConnection connection, ComplaintFilter filter, DateTimeOffset asOf) =>
        readRollup && RollupFilter.Covers(filter) && SlaRollup.CutAt(connection, _reporting) is { } cut && cut <= asOf;

    /// <summary>Whether the medians come from the sketches: kept per day and product only, beside the Overview's.</summary>
    private bool UsesSketch(DuckDBConnection connection, ComplaintFilter filter) =>
        RollupFilter.SketchCovers(filter) && UsesRollup(connection, filter, time.GetUtcNow()) && ComplaintRollup.IsCurrent(connection, _reporting);

    private List<T> QueryRollup<T>(DuckDBConnection connection, string sql, ComplaintFilter filter, DateTimeOffset asOf, Func<IDataRecord, T> map,
        params (string Name, object? Value)[] extra) =>
        connection.QueryRollup(sql, filter with { AsOf = asOf }, _reporting, map, extra);

    // The as-of instant travels in the filter, which binds it (and its local date) for the drill-down filters too.
    private List<T> QueryFacts<T>(DuckDBConnection connection, string sql, ComplaintFilter filter, DateTimeOffset asOf, Func<IDataRecord, T> map,
        params (string, object?)[] extra) =>
        connection.QueryFiltered(sql, filter with { AsOf = asOf }, _reporting, map, extra);
}
