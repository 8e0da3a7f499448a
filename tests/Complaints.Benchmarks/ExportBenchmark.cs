using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Demo;
using Complaints.Models;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Ingest;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>exports [--complaints N] [--reuse] [--warehouse PATH]</c>: the executive workbook and the complaint list's exports
/// (.xlsx, CSV, Parquet, Arrow) over N demo complaints loaded through the real load path; writes reports/exports.md.
/// <c>--warehouse</c> starts from a copy of a warehouse an earlier run kept (e.g. the models benchmark's).
/// Peak memory of a workbook step is the process's high-water mark reset before it (/proc/self/clear_refs); each list
/// export runs in a child process (<see cref="ExportStep"/>) whose whole peak is its own.
/// </summary>
public static class ExportBenchmark
{
    private static readonly DateOnly LastDay = new(2026, 6, 30);

    /// <summary>A warehouse memory limit small enough to show what the export itself holds beside DuckDB's cache of the file (evicted past it).</summary>
    private const string SmallLimit = "256MB";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var complaints = int.Parse(Value("--complaints") ?? "1000000", CultureInfo.InvariantCulture);
        var root = BenchmarkOptions.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-exports");
        var warehousePath = Path.Combine(work, "exports.duckdb");
        var time = new FakeTimeProvider(new DateTimeOffset(LastDay.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

        if (!args.Contains("--reuse") || !File.Exists(warehousePath))
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            if (Value("--warehouse") is { } source)
            {
                Console.WriteLine($"Copying {source} to {warehousePath}…");
                File.Copy(source, warehousePath);
            }
            else
            {
                Console.WriteLine($"Generating and loading {complaints:N0} demo complaints into {warehousePath}…");
                var files = new DemoDataGenerator().Write(Path.Combine(work, "data"), new DemoDataOptions(complaints, Seed: 7, LastDay: LastDay));
                using var loading = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
                await loading.InitializeAsync(time);
                var loader = Complaints.Testing.Loaders.Loader(loading, time);
                foreach (var (path, feed) in files.FeedsWithLayouts)
                    await loader.LoadAsync(path, feed);
                Directory.Delete(Path.Combine(work, "data"), recursive: true);
            }
        }

        var reportingSettings = new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } };
        var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, time, reporting: reportingSettings);
        await warehouse.InitializeAsync(time);
        var reporting = Options.Create(reportingSettings);
        var reader = new WorkbookFiguresReader(new OverviewQueries(warehouse, reporting), new SlaQueries(warehouse, reporting, time),
            new CostsQueries(warehouse, reporting, Options.Create(new SlaOptions()), time), new FeedbackQueries(warehouse, reporting), new DefectSignals(warehouse, reporting, time),
            new RiskQueries(warehouse, reporting, Options.Create(new ModelsOptions()), time), new IngestRunQueries(warehouse), warehouse, reporting,
            FilterAsQuery.Describe, time);
        var exports = new ComplaintExports(new ComplaintListQueries(warehouse, reporting, time), FilterAsQuery.Describe, time);
        var english = CultureInfo.GetCultureInfo("en-GB");
        long loaded;
        using (var connection = warehouse.OpenConnection())
            loaded = connection.Scalar<long>("SELECT count(*) FROM complaints");

        var rows = new List<string>();
        // The first build reads every figure cold; the second is what a subscription on a running host meets. Reading the
        // figures (the query classes) and writing the workbook (ClosedXML) are timed apart, to show where the time goes.
        async Task Workbook(string what, ComplaintFilter filter)
        {
            double figuresSeconds = 0, writeSeconds = 0;
            var (seconds, peak, bytes) = await MeasureAsync(async () =>
            {
                var watch = Stopwatch.StartNew();
                var figures = await reader.ReadAsync(ReportDefinition.All[0], filter, english);
                figuresSeconds = watch.Elapsed.TotalSeconds;
                using var output = new MemoryStream();
                ExecutiveWorkbook.Write(figures, english, output);
                writeSeconds = watch.Elapsed.TotalSeconds - figuresSeconds;
                return output.Length;
            });
            rows.Add($"| executive workbook, {what} | {seconds:N2} s (figures {figuresSeconds:N2} s, writing {writeSeconds:N2} s) | < 5 s | {peak} | {bytes / 1024.0:N0} KiB |");
            Console.WriteLine(rows[^1]);
        }
        await Workbook($"all {loaded:N0} complaints (first build)", ComplaintFilter.All);
        await Workbook($"all {loaded:N0} complaints (second build)", ComplaintFilter.All);
        var lastYear = ComplaintFilter.All with { From = LastDay.AddYears(-1).AddDays(1), To = LastDay };
        await Workbook("the last 12 months", lastYear);
        var figureTimes = await FigureTimesAsync(reader, ComplaintFilter.All, english);

        var listed = exports.Count(ComplaintFilter.All, null);
        var filter = listed > ExportFormats.ExcelDataRows ? lastYear : ComplaintFilter.All;
        // The list's exports each run in a child process that opens the file alone (DuckDB: one process per file).
        warehouse.Dispose();
        var defaultLimit = new WarehouseOptions().MemoryLimit;
        var steps = new[] { "read" }.Concat(Enum.GetValues<ExportFormat>().Select(f => f.Extension())).Select(f => (Format: f, Limit: defaultLimit))
            .Append(("xlsx", SmallLimit));
        foreach (var (format, limit) in steps)
        {
            var path = Path.Combine(work, $"list.{format}");
            var (written, seconds, peak, bytes) = ExportStep.InChild(warehousePath, format, path, limit, filter);
            var what = format == "read" ? "read with typed getters, written nowhere (the warehouse's share)" : format;
            var target = format switch { "xlsx" => "< 10 s, < 300 MB", _ => "" };
            rows.Add($"| complaint list, {written:N0} rows × 20 columns, {what}, DuckDB memory_limit {limit} | {seconds:N2} s | {target} | {peak / 1048576.0:N0} MiB | {bytes / 1048576.0:N0} MiB |");
            Console.WriteLine(rows[^1]);
            File.Delete(path);
        }

        var text = new StringBuilder();
        text.AppendLine($"# Workbooks and exports at {loaded:N0} complaints");
        text.AppendLine();
        text.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Machine.Commit()} on {Machine.Describe()}; load average {Machine.LoadAverage()}.");
        text.AppendLine($"Demo data seed 7 up to {LastDay:yyyy-MM-dd}, loaded through the real load path; the clock stands at {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine("Workbook steps run in the benchmark's process: their peak is its resident high-water mark during the step, reset before it, " +
            "so it includes DuckDB's buffer cache from the steps before. Each list export runs in a child process of its own (`export-step`) " +
            "that opens the warehouse, exports and exits: its peak is that whole process's, runtime and DuckDB included.");
        text.AppendLine();
        text.AppendLine("| step | time | target | peak resident memory | output |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
            text.AppendLine(row);
        text.AppendLine();
        text.AppendLine("The executive workbook's figures, each section's queries alone, one section after another (after the builds above, so DuckDB's cache is warm):");
        text.AppendLine();
        text.AppendLine("| figure | time |");
        text.AppendLine("|---|---:|");
        foreach (var (figure, seconds) in figureTimes)
            text.AppendLine($"| {figure} | {seconds:N2} s |");
        text.AppendLine();
        text.AppendLine($"Reproduce: `dotnet run -c Release --project tests/Complaints.Benchmarks -- exports --complaints {complaints}` (add `--reuse` to keep the warehouse).");
        var report = Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "exports.md");
        await File.WriteAllTextAsync(report, text.ToString());
        Console.WriteLine($"Report: {report}");
        return 0;
    }

    /// <summary>Each section's figures read alone, one after another: which queries the workbook waits for.</summary>
    private static async Task<IReadOnlyList<(string Figure, double Seconds)>> FigureTimesAsync(WorkbookFiguresReader reader, ComplaintFilter filter, CultureInfo culture)
    {
        var times = new List<(string, double)>();
        foreach (var section in ReportDefinition.All[0].Sections)
        {
            var watch = Stopwatch.StartNew();
            await reader.ReadAsync(new ReportDefinition(ReportDefinition.Executive, [section]), filter, culture);
            times.Add((section.ToString(), watch.Elapsed.TotalSeconds));
        }
        return times;
    }

    private static async Task<(double Seconds, string Peak, long Bytes)> MeasureAsync(Func<Task<long>> step)
    {
        GC.Collect();
        var reset = TryResetPeak();
        var watch = Stopwatch.StartNew();
        var bytes = await step();
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Machine.PeakResidentBytes(Environment.ProcessId) is { } p ? $"{p / 1048576.0:N0} MiB{(reset ? "" : " (whole run)")}" : "unknown";
        return (seconds, peak, bytes);
    }

    /// <summary>Resets VmHWM to the current resident size (Linux), so a step's peak is its own.</summary>
    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
