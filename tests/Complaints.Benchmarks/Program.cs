using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Benchmarks;
using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Microsoft.Extensions.Options;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Child mode: generate one data set and exit, so the parent can read this process's peak memory alone.
if (args is ["generate", var count, var folder])
{
    new DemoDataGenerator().Write(folder, new DemoDataOptions(int.Parse(count), Seed: 7, LastDay: new DateOnly(2026, 6, 30)));
    return 0;
}

// Child mode: one export of the complaint list, so the parent reads that export's peak memory alone.
if (args is [ExportStep.Name, .. var stepArgs])
    return await ExportStep.RunAsync(stepArgs);
// Where the list's .xlsx export spends its time, per pass: ExportProfile.cs.
if (args is [ExportProfile.Name, .. var profileArgs])
    return await ExportProfile.RunAsync(profileArgs);

// Page mode: each page's queries and its first chart in the browser, over a warehouse an earlier run kept.
if (args is ["pages", .. var pageArgs])
{
    string? PageValue(string name) => pageArgs.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var root = BenchmarkOptions.FindRepositoryRoot();
    return await PageBenchmark.RunAsync(new PageBenchmark.Options(
        Path.GetFullPath(PageValue("--warehouse") ?? Path.Combine(Path.GetTempPath(), "complaints-bench", "bench.duckdb")),
        int.Parse(PageValue("--runs") ?? "20"), int.Parse(PageValue("--browser-runs") ?? "5"),
        PageValue("--report") ?? Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "pages.md"), root,
        PageValue("--pages")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? PageBenchmark.AllPages,
        SkipFacts: pageArgs.Contains("--skip-facts")));
}

// The models' own report (signals, training, scoring): ModelBenchmark.cs.
if (args is ["models", .. var modelArgs])
    return await ModelBenchmark.RunAsync(modelArgs);

// The audit trail's verification at a million entries: AuditBenchmark.cs.
if (args is ["audit", .. var auditArgs])
    return await AuditBenchmark.RunAsync(auditArgs);

// The audit report (register workbook, PDF summary, reproduction as of a past instant): AuditReportBenchmark.cs.
if (args is ["audit-report", .. var auditReportArgs])
    return await AuditReportBenchmark.RunAsync(auditReportArgs);

// Where the register workbook's time goes, per sheet and pass: AuditReportProfile.cs.
if (args is ["audit-report-profile", ..])
    return await AuditReportProfile.RunAsync(args);

// Workbooks and exports (executive workbook, the list to .xlsx, CSV, Parquet, Arrow): ExportBenchmark.cs.
if (args is ["exports", .. var exportArgs])
    return await ExportBenchmark.RunAsync(exportArgs);

// The pages' queries on DuckDB beside PostgreSQL over the same rows: PeerBenchmark.cs.
if (args is ["peer", .. var peerArgs])
    return await PeerBenchmark.RunAsync(peerArgs);

// What keeping the Overview rollup in step costs a daily delivery on a large warehouse: RollupRefreshBenchmark.cs.
if (args is ["rollup-refresh", .. var refreshArgs])
    return await RollupRefreshBenchmark.RunAsync(refreshArgs);

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
var reportingOptions = Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
using var warehouse = TempWarehouse.Open(warehousePath, TimeProvider.System, reporting: reportingOptions.Value);
await warehouse.InitializeAsync(TimeProvider.System);
var loader = Loaders.Loader(warehouse, TimeProvider.System);
report.MemoryLimit = warehouse.MemoryLimit;
// One first load, as the demo's: the SLA measures and the rollups are built once, after the last feed, and timed apart.
var built = await warehouse.FirstLoadAsync(async () =>
{
    foreach (var feed in FeedLayouts.All.Where(f => options.Feeds is null || options.Feeds.Contains(f.Name)))
    {
        var path = Path.Combine(dataFolder, feed.Name + ".csv");
        var clock = new StepClock();
        Machine.ResetPeakResident();
        var result = await loader.LoadAsync(path, feed, steps: clock);
        var (seconds, measuring) = clock.Split();
        var peak = Machine.PeakResidentBytes(Environment.ProcessId) ?? 0;
        if (result.Status != LoadStatus.Loaded)
            throw new InvalidOperationException($"{feed.Name} did not load: {result.Error}");
        var raw = RawDuckDb.ReadCsvSeconds(path, feed, Path.Combine(options.WorkFolder, "raw.duckdb"), warehouse.MemoryLimit);
        report.Loads.Add(new LoadFigure(feed.Name, result.RowsRead, seconds, measuring, raw, peak));
        Console.WriteLine($"  load {feed.Name}: {result.RowsRead:N0} rows in {seconds:N2} s, then {measuring:N2} s after its commit (raw read_csv {raw:N2} s), peak memory so far {peak / 1048576.0:N0} MiB");
        Console.WriteLine($"    steps: {clock.Steps()}");
    }
    Machine.ResetPeakResident();
});
report.BuiltAtEnd = [.. built.Select(b => (b.Part, b.Took.TotalSeconds))];
report.BuildPeakBytes = Machine.PeakResidentBytes(Environment.ProcessId) ?? 0;
foreach (var (part, took) in built)
    Console.WriteLine($"  built at the end of the first load: {part} in {took.TotalSeconds:N2} s");

// 2b. The profiled path: the same complaints as a Polish ticket-system export (';', Windows-1250, local times, Polish
// codes) through the shipped polish-ticket-system profile into a fresh warehouse, beside raw read_csv of the canonical file.
if (options.Feeds is null || options.Feeds.Contains("polish-ticket-system"))
{
    var polish = PolishExport.Write(Path.Combine(dataFolder, "complaints.csv"), Path.Combine(options.WorkFolder, "polish-tickets.csv"));
    var profiledPath = Path.Combine(options.WorkFolder, "profiled.duckdb");
    File.Delete(profiledPath);
    File.Delete(profiledPath + ".wal");
    using var profiledWarehouse = TempWarehouse.Open(profiledPath, TimeProvider.System);
    await profiledWarehouse.InitializeAsync(TimeProvider.System);
    var profiled = new Complaints.Ingest.Profiles.ProfiledFileLoader(Loaders.Loader(profiledWarehouse, TimeProvider.System));
    var profile = Complaints.Ingest.Profiles.MappingProfile.Read(Complaints.Ingest.Profiles.ProfiledFileLoader.FindShipped("polish-ticket-system")!);
    var clock = new StepClock();
    Machine.ResetPeakResident();
    var result = await profiled.LoadAsync(polish, profile, steps: clock);
    var (seconds, measuring) = clock.Split();
    var peak = Machine.PeakResidentBytes(Environment.ProcessId) ?? 0;
    if (result.Status != LoadStatus.Loaded)
        throw new InvalidOperationException($"the Polish export did not load: {result.Error}");
    var raw = RawDuckDb.ReadCsvSeconds(Path.Combine(dataFolder, "complaints.csv"), FeedLayouts.Complaints, Path.Combine(options.WorkFolder, "raw.duckdb"), profiledWarehouse.MemoryLimit);
    report.Loads.Add(new LoadFigure("complaints via polish-ticket-system profile", result.RowsRead, seconds, measuring, raw, peak));
    Console.WriteLine($"  load through profile: {result.RowsRead:N0} rows in {seconds:N2} s ({result.RowsQuarantined:N0} quarantined; raw read_csv of the canonical file {raw:N2} s)");
}

// 3. The Overview's queries over the loaded warehouse, after a warm-up.
var queries = new OverviewQueries(warehouse, reportingOptions);
var lastQuarter = new ComplaintFilter(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
foreach (var (name, filter) in options.Queries ? new[] { ("all dates", ComplaintFilter.All), ("one quarter", lastQuarter) } : [])
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
    public sealed record BenchmarkOptions(int Complaints, int BigComplaints, int Runs, string WorkFolder, string ReportPath, bool KeepData, bool ReuseData,
        IReadOnlySet<string>? Feeds = null, bool Queries = true)
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
                args.Contains("--reuse"),
                Value("--feeds")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
                !args.Contains("--no-queries"));
        }

        public static string FindRepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Complaints.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public sealed record GenerationFigure(int Complaints, double Seconds, long PeakBytes, long FileBytes);
    /// <param name="Seconds">From the call to the load's commit: mapping, checks, merge, quarantine, run record.</param>
    /// <param name="MeasuringSeconds">What follows the commit (the SLA measures of the touched complaints and the SLA rollup; in a first load they wait for its end).</param>
    public sealed record LoadFigure(string Feed, long Rows, double Seconds, double MeasuringSeconds, double RawSeconds, long PeakBytes);

    /// <summary>
    /// Splits a load's time at the step after its commit (measuring SLA). Notes each step as it is reported, on the
    /// loader's thread: <see cref="Progress{T}"/> would post it to the thread pool, late.
    /// </summary>
    public sealed class StepClock : IProgress<int>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly List<(int Step, double At)> _starts = [];
        private double? _committed;
        private double _ended;

        public void Report(int step)
        {
            _starts.Add((step, _watch.Elapsed.TotalSeconds));
            if (CanonicalFileLoader.Steps[step] == CanonicalFileLoader.MeasuringStep)
                _committed = _watch.Elapsed.TotalSeconds;
        }

        /// <summary>Each step's seconds, up to the next step's start (the last, to the load's end, <see cref="Split"/>): where a load's time goes.</summary>
        public string Steps() => string.Join(", ", _starts.Select((s, i) =>
            $"{CanonicalFileLoader.Steps[s.Step]} {(i + 1 < _starts.Count ? _starts[i + 1].At : _ended) - s.At:N2} s"));

        public (double Committed, double Measuring) Split()
        {
            var total = _ended = _watch.Elapsed.TotalSeconds;
            return _committed is { } committed ? (committed, total - committed) : (total, 0);
        }
    }

    /// <summary>Writes canonical complaints as the Polish ticket-system export the shipped profile reads (DuckDB writes UTF-8; .NET re-encodes).</summary>
    public static class PolishExport
    {
        public static string Write(string canonicalComplaints, string target)
        {
            var utf8 = target + ".utf8";
            using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
            {
                connection.Open();
                var columns = string.Join(", ", FeedLayouts.Complaints.Columns.Select(c => $"'{c.Name}': '{(c.DuckDbType == "TIMESTAMPTZ" ? "TIMESTAMPTZ" : "VARCHAR")}'"));
                connection.Execute($$"""
                    COPY (
                        SELECT external_id AS "Nr reklamacji",
                               strftime(timezone('Europe/Warsaw', received_at), '%d.%m.%Y %H:%M') AS "Data przyjęcia",
                               strftime(timezone('Europe/Warsaw', updated_at), '%d.%m.%Y %H:%M') AS "Data modyfikacji",
                               strftime(timezone('Europe/Warsaw', resolved_at), '%d.%m.%Y %H:%M') AS "Data rozpatrzenia",
                               CASE status WHEN 'new' THEN 'Przyjęta' WHEN 'in_progress' THEN 'W realizacji' WHEN 'waiting_for_customer' THEN 'Oczekuje na klienta'
                                   WHEN 'waiting_for_expert' THEN 'Oczekuje na rzeczoznawcę' WHEN 'resolved' THEN 'Rozpatrzona' WHEN 'rejected' THEN 'Odrzucona'
                                   WHEN 'closed' THEN 'Zamknięta' WHEN 'reopened' THEN 'Ponownie otwarta' ELSE status END AS "Status",
                               CASE priority WHEN 'high' THEN 'Wysoki' WHEN 'medium' THEN 'Średni' WHEN 'low' THEN 'Niski' ELSE priority END AS "Priorytet",
                               CASE channel WHEN 'email' THEN 'E-mail' WHEN 'phone' THEN 'Telefon' WHEN 'web_form' THEN 'Formularz WWW' WHEN 'sms' THEN 'SMS'
                                   WHEN 'chat' THEN 'Czat' WHEN 'letter' THEN 'List' WHEN 'marketplace' THEN 'Allegro' ELSE channel END AS "Kanał",
                               product_sku AS "Indeks produktu", quantity AS "Ilość", defect_category AS "Przyczyna", description AS "Opis",
                               CASE customer_expectation WHEN 'refund' THEN 'Zwrot pieniędzy' WHEN 'repair' THEN 'Naprawa' WHEN 'replacement' THEN 'Wymiana'
                                   WHEN 'price_reduction' THEN 'Obniżenie ceny' ELSE customer_expectation END AS "Żądanie klienta",
                               coalesce(customer_name, customer_id) AS "Klient", customer_country AS "Kraj"
                        FROM read_csv($source, header = true, auto_detect = false, columns = {{{columns}}})
                    ) TO '{{utf8.Replace("'", "''")}}' (FORMAT csv, DELIMITER ';', HEADER true)
                    """, ("source", canonicalComplaints));
            }
            System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
            using (var reader = new StreamReader(utf8, System.Text.Encoding.UTF8))
            using (var writer = new StreamWriter(target, false, System.Text.Encoding.GetEncoding("windows-1250")))
            {
                var buffer = new char[1 << 16];
                int read;
                while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
                    writer.Write(buffer, 0, read);
            }
            File.Delete(utf8);
            return target;
        }
    }
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
        /// <summary>DuckDB's own read_csv into a plain table, under the same memory limit as the warehouse: a fair comparison.</summary>
        public static double ReadCsvSeconds(string path, FeedLayout feed, string databasePath, string memoryLimit)
        {
            File.Delete(databasePath);
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={databasePath};memory_limit={memoryLimit}");
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
        public string MemoryLimit { get; set; } = "";
        /// <summary>What the first load built once at its end (SLA measures, rollups), in seconds.</summary>
        public List<(string Part, double Seconds)> BuiltAtEnd { get; set; } = [];
        public long BuildPeakBytes { get; set; }

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
            md.AppendLine("The project's load path (CanonicalFileLoader: read, type checks, required fields, duplicates, merge, quarantine, run record, one transaction) " +
                          "into a fresh warehouse, beside DuckDB's own `read_csv` of the same file, typed as the layout says, into a plain table in a fresh file. " +
                          "The load path's time ends when the file's transaction commits. The feeds are one first load (`WarehouseDatabase.FirstLoadAsync`, as the demo's): " +
                "the SLA measures and the cost, Overview and SLA rollups wait for its end and are built once, timed apart below.").AppendLine();
            md.AppendLine("Peak memory is the benchmark process's peak resident memory (VmHWM) during that load and its SLA measures alone (the peak is reset before each feed), " +
                          $"with the warehouse's DuckDB memory limit at {MemoryLimit} (`Warehouse:MemoryLimit`); raw `read_csv` runs under the same limit. " +
                          $"Load average at the end of the run: {Machine.LoadAverage()} (on two cores, anything above 2 means the machine was shared).").AppendLine();
            md.AppendLine("| feed | rows | load path s | rows/s | raw read_csv s | raw rows/s | ratio (load / raw) | after its commit s | ratio with it | peak memory |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var l in Loads)
                md.AppendLine($"| {l.Feed} | {l.Rows:N0} | {l.Seconds:N2} | {l.Rows / l.Seconds:N0} | {l.RawSeconds:N2} | {l.Rows / l.RawSeconds:N0} | {l.Seconds / l.RawSeconds:N2}× " +
                              $"| {l.MeasuringSeconds:N2} | {(l.Seconds + l.MeasuringSeconds) / l.RawSeconds:N2}× | {l.PeakBytes / 1048576.0:N0} MiB |");

            if (BuiltAtEnd.Count > 0)
            {
                md.AppendLine().AppendLine("Built once at the end of the first load (peak memory during it: " + $"{BuildPeakBytes / 1048576.0:N0} MiB):").AppendLine();
                md.AppendLine("| part | seconds |").AppendLine("|---|---:|");
                foreach (var (part, seconds) in BuiltAtEnd)
                    md.AppendLine($"| {part} | {seconds:N2} |");
                var feeds = Loads.Where(l => !l.Feed.Contains("profile", StringComparison.Ordinal)).ToList();
                var loadSeconds = feeds.Sum(l => l.Seconds + l.MeasuringSeconds);
                var rawSeconds = feeds.Sum(l => l.RawSeconds);
                var measures = BuiltAtEnd.Where(b => b.Part == "SlaMeasures").Sum(b => b.Seconds);
                var slaFeeds = feeds.Where(l => l.Feed is "complaints" or "status_events").ToList();
                md.AppendLine();
                md.AppendLine($"- every feed loaded and everything built: {loadSeconds + BuiltAtEnd.Sum(b => b.Seconds):N1} s, against {rawSeconds:N1} s of raw `read_csv` " +
                              $"({(loadSeconds + BuiltAtEnd.Sum(b => b.Seconds)) / rawSeconds:N2}×)");
                if (slaFeeds.Count == 2)
                    md.AppendLine($"- complaints and status events with their SLA measures: {slaFeeds.Sum(l => l.Seconds + l.MeasuringSeconds) + measures:N1} s, " +
                                  $"against {slaFeeds.Sum(l => l.RawSeconds):N1} s raw ({(slaFeeds.Sum(l => l.Seconds + l.MeasuringSeconds) + measures) / slaFeeds.Sum(l => l.RawSeconds):N2}×)");
            }

            md.AppendLine().AppendLine($"## Overview queries at {options.Complaints:N0} complaints").AppendLine();
            md.AppendLine($"3 warm-up runs, then {options.Runs} timed runs each; milliseconds.").AppendLine();
            md.AppendLine("| query | filter | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---:|---:|---:|");
            foreach (var q in Queries)
                md.AppendLine($"| {q.Query} | {q.Filter} | {q.Timings.P50:N1} | {q.Timings.P95:N1} | {q.Timings.Max:N1} |");
            return md.ToString();
        }
    }
}
