using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Demo;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>peer [--complaints N] [--runs N] [--reuse]</c>: the pages' queries on the warehouse (DuckDB, through the query
/// classes the pages call) beside the same queries written for PostgreSQL 15 by hand, over the same rows, in one run.
/// PostgreSQL is started on loopback and tuned for this machine (memory, parallel workers, indexes on the filtered and
/// joined columns, ANALYZE). Every query's result rows are compared: a ratio of two different answers means nothing.
/// Writes reports/peer.md (or peer-&lt;N&gt;.md for another size).
/// </summary>
public static class PeerBenchmark
{
    private static readonly DateOnly LastDay = new(2026, 6, 30);
    private const string Zone = "Europe/Warsaw";

    /// <summary>The tables the Overview and SLA pages read, copied as the warehouse holds them (derived tables included, so keys agree).</summary>
    private static readonly string[] Tables = ["complaints", "products", "customers", "surveys", "complaint_sla", "complaint_costs", "cost_lines"];

    /// <summary>What a DBA would index here: every join key, the filtered columns (receipt, product, status), the grouping ones.</summary>
    private static readonly string[] Indexes =
    [
        "CREATE UNIQUE INDEX ON complaints (complaint_key)",
        "CREATE INDEX ON complaints (received_at)",
        "CREATE INDEX ON complaints (product_sku)",
        "CREATE INDEX ON complaints (status)",
        "CREATE INDEX ON complaints (resolved_at)",
        "CREATE INDEX ON complaints (source, customer_id)",
        "CREATE UNIQUE INDEX ON products (sku)",
        "CREATE UNIQUE INDEX ON customers (source, customer_id)",
        "CREATE INDEX ON surveys (complaint_key)",
        "CREATE UNIQUE INDEX ON complaint_sla (complaint_key)",
        "CREATE INDEX ON complaint_costs (complaint_key)",
        "CREATE INDEX ON cost_lines (complaint_key)",
    ];

    /// <summary>
    /// Server settings for a 2-core, 24 GB machine shared with other work: a quarter of a conservative memory budget as
    /// shared buffers, generous work_mem for the sorts and hashes of analytical queries, both cores for parallel scans.
    /// fsync is off (PostgresServer): the benchmark measures reads, and the load is not what is compared.
    /// </summary>
    private static readonly string[] Settings =
    [
        "shared_buffers=2GB", "effective_cache_size=6GB", "work_mem=256MB", "maintenance_work_mem=1GB",
        "max_worker_processes=4", "max_parallel_workers=2", "max_parallel_workers_per_gather=2",
        "random_page_cost=1.1", "effective_io_concurrency=200", "synchronous_commit=off", "max_wal_size=8GB", "checkpoint_timeout=30min",
    ];

    private sealed record Measured(string Page, string Query, Timings DuckDb, Timings Postgres, bool Agree, string Difference);

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var complaints = int.Parse(Value("--complaints") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Value("--runs") ?? "10", CultureInfo.InvariantCulture);
        var reuse = args.Contains("--reuse");
        var root = BenchmarkOptions.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), $"complaints-bench-peer-{complaints}");
        var warehousePath = Path.Combine(work, "peer.duckdb");
        var asOf = new DateTimeOffset(LastDay.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var time = new FakeTimeProvider(asOf);

        if (!reuse || !File.Exists(warehousePath))
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            Console.WriteLine($"Generating and loading {complaints:N0} demo complaints into {warehousePath}…");
            var files = new DemoDataGenerator().Write(Path.Combine(work, "data"), new DemoDataOptions(complaints, Seed: 7, LastDay: LastDay));
            using var loading = TempWarehouse.Open(warehousePath, time);
            await loading.InitializeAsync(time);
            var loader = Loaders.Loader(loading, time);
            foreach (var (path, feed) in files.FeedsWithLayouts)
                await loader.LoadAsync(path, feed);
            Directory.Delete(Path.Combine(work, "data"), recursive: true);
        }

        var reportingOptions = new ReportingOptions { TimeZone = Zone, ExchangeRates = { ["EUR"] = 4.30m } };
        var reporting = Options.Create(reportingOptions);
        using var warehouse = TempWarehouse.Open(warehousePath, time, reporting: reportingOptions);
        await warehouse.InitializeAsync(time);
        long loaded;
        using (var connection = warehouse.OpenConnection())
            loaded = connection.Scalar<long>("SELECT count(*) FROM complaints");

        Console.WriteLine("Starting PostgreSQL on loopback…");
        using var server = PostgresServer.Start(Settings, work);
        var version = server.Sql("SHOW server_version");
        await using var postgres = NpgsqlDataSource.Create(server.ConnectionString() + ";Command Timeout=600");
        var copy = Stopwatch.StartNew();
        long rowsCopied = 0;
        using (var duck = warehouse.OpenConnection())
            foreach (var table in Tables)
                rowsCopied += await CopyTable(duck, postgres, table, work);
        var copySeconds = copy.Elapsed.TotalSeconds;
        var indexWatch = Stopwatch.StartNew();
        foreach (var index in Indexes)
            await Execute(postgres, index);
        await Execute(postgres, "VACUUM ANALYZE");
        var indexSeconds = indexWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  copied {rowsCopied:N0} rows in {copySeconds:N1} s; indexes, VACUUM and ANALYZE {indexSeconds:N1} s");

        var overview = new OverviewQueries(warehouse, reporting);
        var sla = new SlaQueries(warehouse, reporting, time);
        var filter = ComplaintFilter.All;
        var peer = new PostgresQueries(postgres, reportingOptions, asOf);
        var measured = new List<Measured>();
        void Compare<T>(string page, string query, Func<T> duckDb, Func<T> pg) where T : notnull
        {
            Console.WriteLine($"  {page}: {query}…");
            var duckRows = Rows.Of(duckDb());
            var pgRows = Rows.Of(pg());
            var difference = Rows.Difference(duckRows, pgRows);
            var duckTimes = Timings.Measure(2, runs, () => duckDb());
            var pgTimes = Timings.Measure(1, runs, () => pg());
            measured.Add(new Measured(page, query, duckTimes, pgTimes, difference is null, difference ?? $"{duckRows.Count} rows equal"));
            Console.WriteLine($"    DuckDB p95 {duckTimes.P95:N0} ms, PostgreSQL p95 {pgTimes.P95:N0} ms, {(difference is null ? "figures agree" : "FIGURES DIFFER: " + difference)}");
        }

        Compare("Overview", "totals", () => overview.Totals(filter), peer.Totals);
        Compare("Overview", "key figures", () => overview.Kpis(filter), peer.Kpis);
        Compare("Overview", "complaints per product", () => overview.ComplaintsPerProduct(filter), peer.ComplaintsPerProduct);
        Compare("Overview", "monthly trend", () => overview.Trend(filter), peer.MonthlyTrend);
        Compare("Overview", "median handling time per product", () => overview.HandlingTimePerProduct(filter), peer.HandlingTimePerProduct);
        Compare("Overview", "cost per product", () => overview.CostPerProduct(filter), peer.CostPerProduct);
        Compare("SLA", "achievement (first response, resolution, statutory, reopened)", () => sla.Achievement(filter, asOf), peer.Achievement);
        Compare("SLA", "breaches per product line", () => sla.BreachesBy(SlaQueries.Dimension.ProductLine, filter, asOf), () => peer.BreachesBy("coalesce(p.product_line, 'Unknown')"));
        Compare("SLA", "breaches per segment", () => sla.BreachesBy(SlaQueries.Dimension.Segment, filter, asOf), () => peer.BreachesBy("coalesce(cu.segment, 'unknown')"));
        Compare("SLA", "open backlog by age", () => sla.Backlog(filter, asOf), peer.Backlog);
        Compare("SLA", "handling time per product (median, p90, business hours)", () => sla.HandlingTimePerProduct(filter), peer.SlaHandlingTime);

        var text = Report(measured, loaded, runs, version, rowsCopied, copySeconds, indexSeconds, asOf);
        var report = Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", complaints == 1_000_000 ? "peer.md" : $"peer-{complaints}.md");
        await File.WriteAllTextAsync(report, text);
        Console.WriteLine(text);
        Console.WriteLine($"Written to {report}");
        return measured.All(m => m.Agree) ? 0 : 1;
    }

    /// <summary>The table as the warehouse holds it, through a CSV DuckDB writes (instants in UTC) and COPY … FROM STDIN.</summary>
    private static async Task<long> CopyTable(DuckDBConnection duck, NpgsqlDataSource postgres, string table, string work)
    {
        var columns = new List<(string Name, string Type)>();
        using (var describe = duck.CreateCommand())
        {
            describe.CommandText = $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
                columns.Add((reader.GetString(0), PostgresType(reader.GetString(1))));
        }
        await Execute(postgres, $"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"))})");
        var csv = Path.Combine(work, table + ".csv");
        duck.Execute($"SET TimeZone = 'UTC'; COPY {table} TO '{csv}' (HEADER, DELIMITER ',', QUOTE '\"', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S.%f+00')");
        await using (var connection = await postgres.OpenConnectionAsync())
        await using (var target = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)"))
        using (var source = new StreamReader(csv, Encoding.UTF8))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
                await target.WriteAsync(buffer, 0, read);
        }
        File.Delete(csv);
        await using var count = postgres.CreateCommand($"SELECT count(*) FROM {table}");
        var rows = (long)(await count.ExecuteScalarAsync())!;
        Console.WriteLine($"  {table}: {rows:N0} rows");
        return rows;
    }

    private static string PostgresType(string duckType) => duckType switch
    {
        "VARCHAR" => "text",
        "BIGINT" => "bigint",
        "INTEGER" => "integer",
        "SMALLINT" => "smallint",
        "BOOLEAN" => "boolean",
        "DATE" => "date",
        "DOUBLE" => "double precision",
        "TIMESTAMP WITH TIME ZONE" => "timestamptz",
        "TIMESTAMP" => "timestamp",
        _ when duckType.StartsWith("DECIMAL", StringComparison.Ordinal) => duckType.Replace("DECIMAL", "numeric", StringComparison.Ordinal),
        _ => throw new NotSupportedException($"no PostgreSQL type for DuckDB's {duckType}"),
    };

    private static async Task Execute(NpgsqlDataSource postgres, string sql)
    {
        await using var command = postgres.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string Report(List<Measured> measured, long complaints, int runs, string version, long rowsCopied, double copySeconds, double indexSeconds, DateTimeOffset asOf)
    {
        var text = new StringBuilder();
        text.AppendLine($"# The pages' queries on DuckDB and on PostgreSQL, at {complaints:N0} complaints");
        text.AppendLine();
        text.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Machine.Commit()} on {Machine.Describe()}; load average {Machine.LoadAverage()}.");
        text.AppendLine("The machine is shared with other work (other sessions build and test on the same two cores): read the ratios, not the last millisecond.");
        text.AppendLine();
        text.AppendLine($"Demo data seed 7 (received {LastDay.AddYears(-2).AddDays(1):yyyy-MM-dd} to {LastDay:yyyy-MM-dd}), loaded through the real load path into the warehouse. " +
                        $"PostgreSQL {version} was started on loopback by the benchmark and given the same rows: the {Tables.Length} tables the two pages read " +
                        $"({string.Join(", ", Tables)}; {rowsCopied:N0} rows), as the warehouse holds them, derived SLA measures and cost rollup included, " +
                        $"through `COPY … FROM STDIN` ({copySeconds:N0} s), then indexed on every join key and filtered column, vacuumed and analysed ({indexSeconds:N0} s).");
        text.AppendLine($"Server settings: `{string.Join("`, `", Settings)}`, `fsync=off`.");
        text.AppendLine();
        text.AppendLine($"Each query: all dates (no filter), SLA judged as of {asOf:yyyy-MM-dd HH:mm} UTC; DuckDB through the warehouse's query classes (the pages' own code, " +
                        $"SQL in `warehouse/…/*.sql`), PostgreSQL through the same SQL written for it (`PostgresQueries.cs` beside this benchmark); " +
                        $"{runs} timed runs each after a warm-up, one query at a time; p50/p95 nearest-rank. " +
                        "Agree: every result row equal (counts and sums exactly, money to the cent, medians and quantiles to 9 significant digits).");
        text.AppendLine();
        text.AppendLine("| page | query | DuckDB p50 | DuckDB p95 | PostgreSQL p50 | PostgreSQL p95 | PostgreSQL / DuckDB (p95) | figures |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var m in measured)
            text.AppendLine($"| {m.Page} | {m.Query} | {m.DuckDb.P50:N0} ms | {m.DuckDb.P95:N0} ms | {m.Postgres.P50:N0} ms | {m.Postgres.P95:N0} ms | " +
                            $"{m.Postgres.P95 / Math.Max(m.DuckDb.P95, 0.001):N1}× | {(m.Agree ? "agree" : "**differ**")}: {m.Difference} |");
        var duckTotal = measured.Sum(m => m.DuckDb.P95);
        var pgTotal = measured.Sum(m => m.Postgres.P95);
        text.AppendLine();
        text.AppendLine($"Sum of the p95s: DuckDB {duckTotal:N0} ms, PostgreSQL {pgTotal:N0} ms ({pgTotal / Math.Max(duckTotal, 0.001):N1}×).");
        return text.ToString();
    }

    /// <summary>Result records as comparable rows of text: records field by field in declaration order, lists row by row.</summary>
    private static class Rows
    {
        public static List<string> Of(object result) => result is IEnumerable list and not string
            ? [.. list.Cast<object>().Select(Value)]
            : [Value(result)];

        public static string? Difference(List<string> duckDb, List<string> postgres)
        {
            if (duckDb.Count != postgres.Count)
                return $"{duckDb.Count} rows on DuckDB, {postgres.Count} on PostgreSQL";
            var first = Enumerable.Range(0, duckDb.Count).FirstOrDefault(i => duckDb[i] != postgres[i], -1);
            return first < 0 ? null : $"row {first + 1}: DuckDB {duckDb[first]} / PostgreSQL {postgres[first]}";
        }

        private static string Value(object? value) => value switch
        {
            null => "null",
            string s => s,
            double d => d.ToString("G9", CultureInfo.InvariantCulture),
            decimal m => m.ToString("F2", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f when value.GetType().IsPrimitive => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable items => "[" + string.Join("; ", items.Cast<object>().Select(Value)) + "]",
            _ => "(" + string.Join(", ", value.GetType().GetConstructors()[0].GetParameters()
                .Select(p => $"{p.Name}={Value(value.GetType().GetProperty(char.ToUpperInvariant(p.Name![0]) + p.Name[1..])!.GetValue(value))}")) + ")",
        };
    }
}
