using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Benchmarks;

/// <summary>
/// The analytics engine at scale (issue 5): full SLA recomputation, the cost rollup rebuild, and the server-side queries
/// of the SLA, Costs and Feedback pages, over demo data measured with the shipped appsettings.json policies.
/// <c>-- analytics [--complaints N] [--runs N] [--repeat N] [--work folder] [--reuse]</c>; --reuse keeps and reuses the
/// generated files and the loaded warehouse. Writes reports/analytics.md.
/// </summary>
public static class AnalyticsBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var complaints = int.Parse(Value("--complaints") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Value("--runs") ?? "30", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Value("--repeat") ?? "3", CultureInfo.InvariantCulture);
        var reuse = args.Contains("--reuse");
        var work = Value("--work") ?? Path.Combine(Path.GetTempPath(), "complaints-bench-analytics");
        var reportPath = Value("--report") ?? Path.Combine(Path.GetDirectoryName(BenchmarkOptions.Parse([]).ReportPath)!, "analytics.md");
        Directory.CreateDirectory(work);

        var settings = new ConfigurationBuilder().AddJsonFile(ShippedSettings(), optional: false).Build();
        var sla = settings.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();
        var reporting = settings.GetSection(ReportingOptions.Section).Get<ReportingOptions>() ?? new ReportingOptions();
        var measures = new SlaMeasures(Options.Create(sla), Options.Create(reporting), TimeProvider.System);
        var rollup = new CostRollup(Options.Create(reporting), TimeProvider.System, NullLogger<CostRollup>.Instance);

        var dataFolder = Path.Combine(work, "data");
        if (!(reuse && File.Exists(Path.Combine(dataFolder, "complaints.csv"))))
            Generation.Run(complaints, dataFolder);
        var warehousePath = Path.Combine(work, "analytics.duckdb");
        var load = !(reuse && File.Exists(warehousePath));
        if (load)
        {
            File.Delete(warehousePath);
            File.Delete(warehousePath + ".wal");
        }
        using var warehouse = new WarehouseDatabase(warehousePath, new WarehouseOptions().MemoryLimit, NullLogger<WarehouseDatabase>.Instance, [measures, rollup]);
        await warehouse.InitializeAsync(TimeProvider.System);
        if (load)
        {
            var loader = Complaints.Testing.Loaders.Loader(warehouse, TimeProvider.System);
            foreach (var feed in FeedLayouts.All)
            {
                var watch = Stopwatch.StartNew();
                var result = await loader.LoadAsync(Path.Combine(dataFolder, feed.Name + ".csv"), feed);
                if (result.Status != LoadStatus.Loaded)
                    throw new InvalidOperationException($"{feed.Name} did not load: {result.Error}");
                Console.WriteLine($"  load {feed.Name}: {result.RowsRead:N0} rows in {watch.Elapsed.TotalSeconds:N1} s");
            }
        }
        else
            Console.WriteLine("  reusing the loaded warehouse (--reuse)");

        var md = new StringBuilder();
        md.AppendLine("# Analytics benchmark (SLA, costs, feedback)").AppendLine();
        md.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine($"- commit: {Machine.Commit()}");
        md.AppendLine($"- machine: {Machine.Describe()}; load average when the run started: {Machine.LoadAverage()}");
        md.AppendLine($"- command: `dotnet run -c Release --project tests/Complaints.Benchmarks -- analytics --complaints {complaints} --runs {runs} --repeat {repeat}{(reuse ? " --reuse" : "")}`");
        using (var connection = warehouse.OpenConnection())
        {
            long Count(string table) => connection.Scalar<long>($"SELECT count(*) FROM {table}");
            md.AppendLine($"- data: {Count("complaints"):N0} complaints, {Count("status_events"):N0} status events, {Count("costs"):N0} costs, {Count("surveys"):N0} surveys; SLA policies and rates from the shipped appsettings.json").AppendLine();
        }

        // 1. Full recomputation, the administrator's recalculation, several times.
        md.AppendLine("## Full recomputation").AppendLine();
        md.AppendLine("| what | run | seconds |").AppendLine("|---|---:|---:|");
        for (var i = 1; i <= repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            var measured = await measures.RecalculateAllAsync(warehouse, "benchmark");
            md.AppendLine($"| SLA measures of {measured:N0} complaints (RecalculateAllAsync, one transaction, audit-logged) | {i} | {watch.Elapsed.TotalSeconds:N1} |");
            Console.WriteLine($"  SLA recalculation {i}: {watch.Elapsed.TotalSeconds:N1} s");
        }
        for (var i = 1; i <= repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await warehouse.WriteAsync(connection =>
            {
                using var transaction = connection.BeginTransaction();
                rollup.Rebuild(connection);
                transaction.Commit();
                return Task.FromResult(0);
            });
            md.AppendLine($"| cost rollup rebuild (cost_lines + complaint_costs; runs after every costs, rates or complaints load) | {i} | {watch.Elapsed.TotalSeconds:N1} |");
        }

        // 2. Page queries, after a warm-up, as of the data's end.
        var asOf = new DateTimeOffset(2026, 6, 30, 20, 0, 0, TimeSpan.Zero);
        var time = new FixedTime(asOf);
        var reportingOptions = Options.Create(reporting);
        var slaQueries = new SlaQueries(warehouse, reportingOptions, time);
        var costQueries = new CostsQueries(warehouse, reportingOptions, Options.Create(sla), time);
        var feedback = new FeedbackQueries(warehouse, reportingOptions);
        var overview = new OverviewQueries(warehouse, reportingOptions);
        var quarter = new ComplaintFilter(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
        md.AppendLine().AppendLine($"## Page queries at {complaints:N0} complaints").AppendLine();
        md.AppendLine($"3 warm-up runs, then {runs} timed runs each; milliseconds. \"Whole page\" is what one page view runs (its queries side by side on two cores).").AppendLine();
        md.AppendLine("| page | query | filter | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var (name, filter) in new[] { ("all dates", ComplaintFilter.All), ("one quarter", quarter) })
        {
            var f = filter with { AsOf = asOf };
            void Row(string page, string query, Action action)
            {
                var t = Timings.Measure(3, runs, action);
                md.AppendLine($"| {page} | {query} | {name} | {t.P50:N1} | {t.P95:N1} | {t.Max:N1} |");
                Console.WriteLine($"  {page} {query} ({name}): p50 {t.P50:N1} ms, p95 {t.P95:N1} ms");
            }
            Row("SLA", "achievement", () => slaQueries.Achievement(f, asOf));
            Row("SLA", "breaches by product line", () => slaQueries.BreachesBy(SlaQueries.Dimension.ProductLine, f, asOf));
            Row("SLA", "breaches by team", () => slaQueries.BreachesBy(SlaQueries.Dimension.Team, f, asOf));
            Row("SLA", "backlog ageing", () => slaQueries.Backlog(f, asOf));
            Row("SLA", "handling time per product", () => slaQueries.HandlingTimePerProduct(f));
            Row("SLA", "due soon", () => slaQueries.DueSoon(f, asOf, SlaQueries.DueSoonShown));
            Row("SLA", "time per status", () => slaQueries.TimePerStatus(f));
            Row("SLA", "whole page (9 queries)", () => slaQueries.GetAsync(f).GetAwaiter().GetResult());
            Row("Costs", "summary", () => costQueries.Summary(f));
            Row("Costs", "per product (and line)", () => costQueries.PerProduct(f));
            Row("Costs", "per cost type", () => costQueries.PerCostType(f));
            Row("Costs", "monthly trend", () => costQueries.Trend(f));
            Row("Costs", "per 1,000 units sold", () => costQueries.PerThousandUnits(f));
            Row("Costs", "SLA penalties", () => costQueries.Penalties(f));
            Row("Costs", "whole page (6 queries)", () => costQueries.GetAsync(f).GetAwaiter().GetResult());
            Row("Feedback", "whole page (5 queries)", () => feedback.GetAsync(f).GetAwaiter().GetResult());
            Row("Overview", "cost per product (from the rollup)", () => overview.CostPerProduct(f));
            Row("Overview", "KPIs (cost from the rollup)", () => overview.Kpis(f));
        }

        // 3. What the shipped policies make of the demo data.
        var achievement = slaQueries.Achievement(new ComplaintFilter(Segment: "vip", AsOf: asOf), asOf);
        var all = slaQueries.Achievement(new ComplaintFilter(AsOf: asOf), asOf);
        md.AppendLine().AppendLine("## Shipped policies on the demo data").AppendLine();
        md.AppendLine("| complaints | resolution in time | first response in time | statutory deadline met |").AppendLine("|---|---:|---:|---:|");
        md.AppendLine($"| VIP | {achievement.ResolutionPercent:N1}% | {achievement.FirstResponsePercent:N1}% | {achievement.StatutoryPercent:N1}% |");
        md.AppendLine($"| all | {all.ResolutionPercent:N1}% | {all.FirstResponsePercent:N1}% | {all.StatutoryPercent:N1}% |");

        var text = md.ToString();
        var existing = File.Exists(reportPath) && args.Contains("--append") ? File.ReadAllText(reportPath) + Environment.NewLine : "";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
        File.WriteAllText(reportPath, existing + text);
        Console.WriteLine(text);
        Console.WriteLine($"Report written to {Path.GetFullPath(reportPath)}");
        if (!reuse)
            Directory.Delete(work, recursive: true);
        return 0;
    }

    private static string ShippedSettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Complaints.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? Directory.GetCurrentDirectory(), "dashboards", "Complaints.Dashboards", "appsettings.json");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
