using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Npgsql;

namespace Complaints.Benchmarks;

/// <summary>
/// The Overview's and the SLA page's queries (warehouse/…/Overview/*.sql, Sla/*.sql) as a PostgreSQL developer would write
/// them, returning the same records as the warehouse's query classes so the peer benchmark can compare the figures.
/// All dates (no filter); SLA judged at <paramref name="asOf"/>. Benchmark code only: production reads DuckDB.
/// </summary>
public sealed class PostgresQueries(NpgsqlDataSource database, ReportingOptions reporting, DateTimeOffset asOf)
{
    private readonly string[] _ending = [.. reporting.EndingStatusList()];

    public OverviewTotals Totals() => Query("""
        SELECT count(*),
               count(*) FILTER (WHERE resolved_at IS NOT NULL),
               count(*) FILTER (WHERE NOT lower(status) = ANY(@ending)),
               (min(received_at) AT TIME ZONE @tz)::date,
               (max(received_at) AT TIME ZONE @tz)::date,
               count(*) FILTER (WHERE resolved_at IS NULL AND lower(status) = ANY(@ending))
        FROM complaints
        """, r => new OverviewTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), Date(r, 3), Date(r, 4), r.GetInt64(5))).Single();

    public Kpis Kpis() => new(Query("""
        WITH filtered AS (
            SELECT complaint_key, received_at, resolved_at, lower(status) = ANY(@ending) AS ended FROM complaints
        )
        SELECT (SELECT count(*) FROM filtered),
               (SELECT count(*) FROM filtered WHERE NOT ended),
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at)::float8 - extract(epoch FROM received_at)::float8) / 86400.0
                FROM filtered WHERE resolved_at IS NOT NULL),
               (SELECT sum(cc.amount) FROM complaint_costs cc JOIN filtered f USING (complaint_key)),
               (SELECT avg(s.csat)::float8 FROM surveys s JOIN filtered f USING (complaint_key) WHERE s.csat IS NOT NULL),
               (SELECT count(*) FROM filtered WHERE ended AND resolved_at IS NULL)
        """, r => new KpiValues(r.GetInt64(0), r.GetInt64(1), NullableDouble(r, 2), r.IsDBNull(3) ? 0m : decimal.Round(r.GetDecimal(3), 2),
            NullableDouble(r, 4), r.GetInt64(5))).Single(), null, null, null);

    public IReadOnlyList<ProductCount> ComplaintsPerProduct() => Query("""
        SELECT c.product_sku, coalesce(p.name, c.product_sku), coalesce(p.product_line, 'Unknown'), count(*) AS complaints
        FROM complaints c
        LEFT JOIN products p ON p.sku = c.product_sku
        GROUP BY 1, 2, 3
        ORDER BY complaints DESC, c.product_sku
        """, r => new ProductCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));

    public IReadOnlyList<PeriodCount> MonthlyTrend() => Query("""
        SELECT date_trunc('month', received_at AT TIME ZONE @tz)::date AS period, count(*)
        FROM complaints
        GROUP BY period
        ORDER BY period
        """, r => new PeriodCount(r.GetFieldValue<DateOnly>(0), r.GetInt64(1)));

    public IReadOnlyList<ProductHandlingTime> HandlingTimePerProduct() => Query("""
        SELECT c.product_sku, coalesce(p.name, c.product_sku), coalesce(p.product_line, 'Unknown'),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at)::float8 - extract(epoch FROM c.received_at)::float8) / 86400.0 AS median_days,
               count(*)
        FROM complaints c
        LEFT JOIN products p ON p.sku = c.product_sku
        WHERE c.resolved_at IS NOT NULL
        GROUP BY 1, 2, 3
        ORDER BY median_days DESC, c.product_sku
        """, r => new ProductHandlingTime(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetInt64(4)));

    public ProductCosts CostPerProduct()
    {
        var rows = Query("""
            WITH filtered_costs AS (
                SELECT c.complaint_key, c.product_sku, cc.amount, cc.costs, cc.unconverted
                FROM complaint_costs cc
                JOIN complaints c ON c.complaint_key = cc.complaint_key
            )
            SELECT f.product_sku, coalesce(p.name, f.product_sku), coalesce(p.product_line, 'Unknown'), sum(f.amount), 0::bigint, NULL::text
            FROM filtered_costs f
            LEFT JOIN products p ON p.sku = f.product_sku
            WHERE f.costs > f.unconverted
            GROUP BY 1, 2, 3
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, coalesce(sum(unconverted), 0)::bigint,
                   (SELECT string_agg(DISTINCT cl.currency, ',' ORDER BY cl.currency)
                    FROM cost_lines cl JOIN filtered_costs u ON u.complaint_key = cl.complaint_key
                    WHERE u.unconverted > 0 AND cl.amount_reporting IS NULL)
            FROM filtered_costs
            """, r => (Sku: NullableString(r, 0), Name: NullableString(r, 1), Line: NullableString(r, 2), Amount: r.IsDBNull(3) ? 0m : r.GetDecimal(3),
                Unconverted: r.GetInt64(4), Currencies: NullableString(r, 5)));
        // As OverviewQueries.CostPerProduct shapes its rows.
        var products = rows.Where(r => r.Sku is not null)
            .Select(r => new ProductCost(r.Sku!, r.Name!, r.Line!, decimal.Round(r.Amount, 2)))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Sku, StringComparer.Ordinal).ToList();
        var unconverted = rows.Single(r => r.Sku is null);
        return new ProductCosts(reporting.Currency, products, products.Sum(p => p.Amount), unconverted.Unconverted,
            unconverted.Currencies?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
    }

    public SlaAchievement Achievement() => Query("""
        WITH judged AS (
            SELECT lower(c.status) = ANY(@ending) AS ended, s.*
            FROM complaints c
            JOIN complaint_sla s ON s.complaint_key = c.complaint_key
        ),
        decided AS (
            SELECT CASE WHEN first_response_breached IS NOT NULL THEN first_response_breached
                        WHEN NOT ended AND first_response_due_at <= @as_of THEN true END AS first_response_breached,
                   CASE WHEN resolution_breached IS NOT NULL THEN resolution_breached
                        WHEN NOT ended AND resolution_due_at <= @as_of THEN true END     AS resolution_breached,
                   CASE WHEN statutory_met IS NOT NULL THEN statutory_met
                        WHEN NOT ended AND statutory_due_at <= @as_of THEN false END     AS statutory_met,
                   ended AND first_response_breached IS NULL AND first_response_due_at IS NOT NULL AS first_response_unknown,
                   ended AND resolution_breached IS NULL                                           AS resolution_unknown,
                   ended AND statutory_met IS NULL                                                 AS statutory_unknown,
                   reopen_count
            FROM judged
        )
        SELECT count(*), count(first_response_breached), count(*) FILTER (WHERE NOT first_response_breached),
               count(resolution_breached), count(*) FILTER (WHERE NOT resolution_breached),
               count(statutory_met), count(*) FILTER (WHERE statutory_met),
               count(*) FILTER (WHERE reopen_count > 0),
               count(*) FILTER (WHERE first_response_unknown), count(*) FILTER (WHERE resolution_unknown), count(*) FILTER (WHERE statutory_unknown)
        FROM decided
        """, r =>
    {
        long L(int i) => r.GetInt64(i);
        return new SlaAchievement(L(0), L(1), L(2), Percent(L(2), L(1)), L(3), L(4), Percent(L(4), L(3)),
            L(5), L(6), Percent(L(6), L(5)), L(7), Percent(L(7), L(0)), L(8), L(9), L(10));
    }).Single();

    /// <param name="dimension">A fixed column expression, as SlaQueries chooses it.</param>
    public IReadOnlyList<SlaBreaches> BreachesBy(string dimension) => Query($"""
        WITH judged AS (
            SELECT {dimension} AS dimension,
                   CASE WHEN s.first_response_breached IS NOT NULL THEN s.first_response_breached
                        WHEN NOT lower(c.status) = ANY(@ending) AND s.first_response_due_at <= @as_of THEN true END AS first_response_breached,
                   CASE WHEN s.resolution_breached IS NOT NULL THEN s.resolution_breached
                        WHEN NOT lower(c.status) = ANY(@ending) AND s.resolution_due_at <= @as_of THEN true END     AS resolution_breached
            FROM complaints c
            JOIN complaint_sla s ON s.complaint_key = c.complaint_key
            LEFT JOIN products p ON p.sku = c.product_sku
            LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
        )
        SELECT dimension, count(*) AS complaints,
               count(*) FILTER (WHERE first_response_breached OR resolution_breached) AS breached,
               count(*) FILTER (WHERE first_response_breached),
               count(*) FILTER (WHERE resolution_breached)
        FROM judged
        GROUP BY dimension
        ORDER BY breached DESC, dimension
        """, r => new SlaBreaches(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));

    public IReadOnlyList<BacklogBucket> Backlog()
    {
        var rows = Query("""
            WITH open_complaints AS (
                SELECT @as_of_date - (c.received_at AT TIME ZONE @tz)::date AS age_days,
                       s.resolution_due_at <= @as_of                        AS overdue
                FROM complaints c
                JOIN complaint_sla s ON s.complaint_key = c.complaint_key
                WHERE c.received_at <= @as_of
                  AND (NOT lower(c.status) = ANY(@ending) OR c.resolved_at > @as_of)
            )
            SELECT CASE WHEN age_days <= 3 THEN '0-3' WHEN age_days <= 7 THEN '4-7' WHEN age_days <= 14 THEN '8-14' ELSE '>14' END AS bucket,
                   count(*), count(*) FILTER (WHERE overdue)
            FROM open_complaints
            GROUP BY bucket
            """, r => new BacklogBucket(r.GetString(0), r.GetInt64(1), r.GetInt64(2))).ToDictionary(b => b.Bucket);
        return [.. SlaQueries.BacklogBuckets.Select(b => rows.GetValueOrDefault(b) ?? new BacklogBucket(b, 0, 0))];
    }

    public IReadOnlyList<ProductHandlingTimes> SlaHandlingTime() => Query("""
        WITH calendar AS (
            SELECT c.product_sku, count(*) AS resolved,
                   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY (extract(epoch FROM c.resolved_at)::float8 - extract(epoch FROM c.received_at)::float8) / 86400.0) AS days
            FROM complaints c
            WHERE c.resolved_at IS NOT NULL
            GROUP BY 1
        ),
        business AS (
            SELECT c.product_sku, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.resolution_business_seconds / 3600.0::float8) AS median_hours
            FROM complaints c
            JOIN complaint_sla s ON s.complaint_key = c.complaint_key
            WHERE c.resolved_at IS NOT NULL
            GROUP BY 1
        )
        SELECT k.product_sku, coalesce(p.name, k.product_sku), coalesce(p.product_line, 'Unknown'), k.resolved, k.days[1], k.days[2], b.median_hours
        FROM calendar k
        LEFT JOIN business b ON b.product_sku = k.product_sku
        LEFT JOIN products p ON p.sku = k.product_sku
        ORDER BY k.days[1] DESC, k.product_sku
        """, r => new ProductHandlingTimes(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), NullableDouble(r, 6)));

    private List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> map)
    {
        using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("ending", _ending);
        command.Parameters.AddWithValue("tz", reporting.TimeZone);
        command.Parameters.AddWithValue("as_of", asOf);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reporting.TimeZone);
        command.Parameters.AddWithValue("as_of_date", DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime));
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    private static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
    private static double? NullableDouble(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);
}
