using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Benchmarks;
using Complaints.Ingest.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Child mode: generate one data set and exit, so the parent can read this process's peak memory alone.
if (args is ["generate", var count, var folder])
{
    new DemoDataGenerator().Write(folder, new DemoDataOptions(int.Parse(count), Seed: 7, LastDay: new DateOnly(2026, 6, 30)));
    return 0;
}

// The analytics engine's own report (SLA, costs, feedback): AnalyticsBenchmarks.cs.
if (args is ["analytics", .. var analyticsArgs])
    return await AnalyticsBenchmarks.RunAsync(analyticsArgs);

var options = BenchmarkOptions.Parse(args);
Directory.CreateDirectory(options.WorkFolder);
var report = new Report();
Console.WriteLine($"Benchmarks in {options.WorkFolder}: {options.Complaints:N0} complaints" + (options.BigComplaints > 0 ? $", generation also at {options.BigComplaints:N0}" : ""));

// 1. Generation, in a child process so its peak memory is its own.
var dataFolder = Path.Combine(options.WorkFolder, "data");
if (options.ReuseData && File.Exists(Path.Combine(dataFolder, "complaints.csv")))
    Console.WriteLine("  reusing the generated data in the work folder (--reuse): no generation figures");
else
    report.Generation.Add(Generation.Run(options.Complaints, dataFolder));
if (options.BigComplaints > 0)
{
    var bigFolder = Path.Combine(options.WorkFolder, "big");
    report.Generation.Add(Generation.Run(options.BigComplaints, bigFolder));
    Directory.Delete(bigFolder, recursive: true);
}

// 2. Loading: the project's load path beside DuckDB's own read_csv of the same file into a plain table.
var warehousePath = Path.Combine(options.WorkFolder, "bench.duckdb");
File.Delete(warehousePath);
File.Delete(warehousePath + ".wal");
using var warehouse = new WarehouseDatabase(warehousePath, NullLogger<WarehouseDatabase>.Instance);
await warehouse.InitializeAsync(TimeProvider.System);
var reportingOptions = Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
var loader = new CanonicalFileLoader(warehouse, TimeProvider.System, NullLogger<CanonicalFileLoader>.Instance,
    costRollup: new Complaints.Warehouse.Costs.CostRollup(reportingOptions, TimeProvider.System, NullLogger<Complaints.Warehouse.Costs.CostRollup>.Instance));
foreach (var feed in FeedLayouts.All)
{
    var path = Path.Combine(dataFolder, feed.Name + ".csv");
    var watch = Stopwatch.StartNew();
    var result = await loader.LoadAsync(path, feed);
    var seconds = watch.Elapsed.TotalSeconds;
    if (result.Status != LoadStatus.Loaded)
        throw new InvalidOperationException($"{feed.Name} did not load: {result.Error}");
    var raw = RawDuckDb.ReadCsvSeconds(path, feed, Path.Combine(options.WorkFolder, "raw.duckdb"));
    report.Loads.Add(new LoadFigure(feed.Name, result.RowsRead, seconds, raw));
    Console.WriteLine($"  load {feed.Name}: {result.RowsRead:N0} rows in {seconds:N2} s (raw read_csv {raw:N2} s)");
}

// 3. The Overview's queries over the loaded warehouse, after a warm-up.
var queries = new OverviewQueries(warehouse, reportingOptions);
var lastQuarter = new ComplaintFilter(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
foreach (var (name, filter) in new[] { ("all dates", ComplaintFilter.All), ("one quarter", lastQuarter) })
{
    report.Queries.Add(new QueryFigure("totals", name, Timings.Measure(3, options.Runs, () => queries.Totals(filter))));
    report.Queries.Add(new QueryFigure("complaints per product", name, Timings.Measure(3, options.Runs, () => queries.ComplaintsPerProduct(filter))));
    report.Queries.Add(new QueryFigure("monthly trend", name, Timings.Measure(3, options.Runs, () => queries.Trend(filter))));
    report.Queries.Add(new QueryFigure("handling time per product", name, Timings.Measure(3, options.Runs, () => queries.HandlingTimePerProduct(filter))));
    report.Queries.Add(new QueryFigure("cost per product", name, Timings.Measure(3, options.Runs, () => queries.CostPerProduct(filter))));
    report.Queries.Add(new QueryFigure("whole page (5 queries in parallel)", name, Timings.Measure(3, options.Runs, () => queries.GetAsync(filter).GetAwaiter().GetResult())));
}

var markdown = report.ToMarkdown(options);
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
File.WriteAllText(options.ReportPath, markdown);
Console.WriteLine(markdown);
Console.WriteLine($"Report written to {options.ReportPath}");
if (!options.KeepData)
    Directory.Delete(options.WorkFolder, recursive: true);
return 0;

namespace Complaints.Benchmarks
{
    public sealed record BenchmarkOptions(int Complaints, int BigComplaints, int Runs, string WorkFolder, string ReportPath, bool KeepData, bool ReuseData)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var root = FindRepositoryRoot();
            return new BenchmarkOptions(
                int.Parse(Value("--complaints") ?? "1000000"),
                int.Parse(Value("--big") ?? "10000000"),
                int.Parse(Value("--runs") ?? "30"),
                Value("--work") ?? Path.Combine(Path.GetTempPath(), "complaints-bench"),
                Value("--report") ?? Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "latest.md"),
                args.Contains("--keep") || args.Contains("--reuse"),
                args.Contains("--reuse"));
        }

        private static string FindRepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Complaints.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public sealed record GenerationFigure(int Complaints, double Seconds, long PeakBytes, long FileBytes);
    public sealed record LoadFigure(string Feed, long Rows, double Seconds, double RawSeconds);
    public sealed record QueryFigure(string Query, string Filter, Timings Timings);

    public static class Generation
    {
        public static GenerationFigure Run(int complaints, string folder)
        {
            Console.WriteLine($"  generating {complaints:N0} complaints…");
            var self = typeof(Generation).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { ArgumentList = { self, "generate", complaints.ToString(CultureInfo.InvariantCulture), folder } };
            var watch = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            long peak = 0;
            while (!child.WaitForExit(100))
                peak = Math.Max(peak, Machine.PeakResidentBytes(child.Id) ?? 0);
            var seconds = watch.Elapsed.TotalSeconds;
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"generation of {complaints} complaints failed with exit code {child.ExitCode}");
            var bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"  generated {complaints:N0} in {seconds:N1} s, peak {peak / 1048576.0:N0} MiB, {bytes / 1048576.0:N0} MiB of files");
            return new GenerationFigure(complaints, seconds, peak, bytes);
        }
    }

    /// <summary>The floor: DuckDB reading the same file, typed as the layout says, into a plain table — no checks, no merge.</summary>
    public static class RawDuckDb
    {
        public static double ReadCsvSeconds(string path, FeedLayout feed, string databasePath)
        {
            File.Delete(databasePath);
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={databasePath}");
            connection.Open();
            var columns = string.Join(", ", feed.Columns.Select(c => $"'{c.Name}': '{c.DuckDbType}'"));
            var watch = Stopwatch.StartNew();
            connection.Execute($"CREATE TABLE raw AS SELECT * FROM read_csv($path, header = true, columns = {{{columns}}})", ("path", path));
            var seconds = watch.Elapsed.TotalSeconds;
            connection.Close();
            File.Delete(databasePath);
            return seconds;
        }
    }

    public sealed class Report
    {
        public List<GenerationFigure> Generation { get; } = [];
        public List<LoadFigure> Loads { get; } = [];
        public List<QueryFigure> Queries { get; } = [];

        public string ToMarkdown(BenchmarkOptions options)
        {
            var md = new StringBuilder();
            md.AppendLine("# Benchmark report").AppendLine();
            md.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
            md.AppendLine($"- commit: {Machine.Commit()}");
            md.AppendLine($"- machine: {Machine.Describe()}");
            md.AppendLine($"- command: `dotnet run -c Release --project tests/Complaints.Benchmarks -- --complaints {options.Complaints} --big {options.BigComplaints} --runs {options.Runs}`").AppendLine();

            md.AppendLine("## Demo data generation").AppendLine();
            md.AppendLine("Own process per size; peak resident memory (VmHWM) sampled every 100 ms.").AppendLine();
            md.AppendLine("| complaints | seconds | complaints/s | peak memory | files |").AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var g in Generation)
                md.AppendLine($"| {g.Complaints:N0} | {g.Seconds:N1} | {g.Complaints / g.Seconds:N0} | {g.PeakBytes / 1048576.0:N0} MiB | {g.FileBytes / 1048576.0:N0} MiB |");

            md.AppendLine().AppendLine($"## Loading {options.Complaints:N0} complaints").AppendLine();
            md.AppendLine("The project's load path (CanonicalFileLoader: read, type checks, required fields, duplicates, merge, run record, one transaction) " +
                          "into a fresh warehouse, beside DuckDB's own `read_csv` of the same file, typed as the layout says, into a plain table in a fresh file.").AppendLine();
            md.AppendLine("| feed | rows | load path s | rows/s | raw read_csv s | raw rows/s | ratio (load / raw) |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var l in Loads)
                md.AppendLine($"| {l.Feed} | {l.Rows:N0} | {l.Seconds:N2} | {l.Rows / l.Seconds:N0} | {l.RawSeconds:N2} | {l.Rows / l.RawSeconds:N0} | {l.Seconds / l.RawSeconds:N1}× |");

            md.AppendLine().AppendLine($"## Overview queries at {options.Complaints:N0} complaints").AppendLine();
            md.AppendLine($"3 warm-up runs, then {options.Runs} timed runs each; milliseconds.").AppendLine();
            md.AppendLine("| query | filter | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---:|---:|---:|");
            foreach (var q in Queries)
                md.AppendLine($"| {q.Query} | {q.Filter} | {q.Timings.P50:N1} | {q.Timings.P95:N1} | {q.Timings.Max:N1} |");
            return md.ToString();
        }
    }
}
