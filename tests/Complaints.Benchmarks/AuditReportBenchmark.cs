using System.Diagnostics;
using System.Globalization;
using System.Text;
using Complaints.Demo;
using Complaints.Reports.AuditReports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.AuditReports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>audit-report [--complaints N] [--reuse]</c>: the audit report over N demo complaints (1,000,000 by default) loaded
/// through the real load path: the register workbook with every row, the PDF summary, and the workbook reproduced as of
/// the load's instant (the as-of macros). Writes reports/audit-report.md. Peak memory per step is the process's resident
/// high-water mark, reset before the step (/proc/self/clear_refs), so it is the step's peak including DuckDB's buffers.
/// </summary>
public static class AuditReportBenchmark
{
    private static readonly DateOnly LastDay = new(2026, 6, 30);

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var complaints = int.Parse(Value("--complaints") ?? "1000000", CultureInfo.InvariantCulture);
        var root = BenchmarkOptions.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-audit-report");
        var warehousePath = Path.Combine(work, "audit-report.duckdb");
        var time = new FakeTimeProvider(new DateTimeOffset(LastDay.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var loadTime = Stopwatch.StartNew();
        if (!args.Contains("--reuse") || !File.Exists(warehousePath))
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            Console.WriteLine($"Generating and loading {complaints:N0} demo complaints into {warehousePath}…");
            var files = new DemoDataGenerator().Write(Path.Combine(work, "data"), new DemoDataOptions(complaints, Seed: 7, LastDay: LastDay));
            using var loading = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
            await loading.InitializeAsync(time);
            var loader = Complaints.Testing.Loaders.Loader(loading, time);
            foreach (var (path, feed) in files.FeedsWithLayouts)
                await loader.LoadAsync(path, feed);
            Directory.Delete(Path.Combine(work, "data"), recursive: true);
        }
        loadTime.Stop();
        time.Advance(TimeSpan.FromHours(1));

        using var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
        await warehouse.InitializeAsync(time);
        var reporting = Options.Create(new ReportingOptions());
        var checkpoints = new AuditCheckpoints(warehouse, new AuditCheckpointFile(Path.Combine(work, "audit.checkpoints")),
            "benchmark checkpoint key, 32 characters or more"u8.ToArray(), time, NullLogger<AuditCheckpoints>.Instance);
        var issuer = new AuditReportIssuer(warehouse, new AuditReportQueries(reporting), checkpoints, new IssuedReports(warehouse, time), FilterAsQuery.Describe, time,
            NullLogger<AuditReportIssuer>.Instance);
        long loaded;
        DateOnly first;
        using (var connection = warehouse.OpenConnection())
        {
            loaded = connection.Scalar<long>("SELECT count(*) FROM complaints");
            first = DateOnly.FromDateTime(connection.Scalar<DateTime>("SELECT min(received_at) FROM complaints"));
        }
        var all = new ComplaintFilter(From: first.AddDays(-1), To: LastDay);
        var english = CultureInfo.GetCultureInfo("en-GB");
        var rows = new List<string>();
        IssuedReport? firstIssue = null;

        async Task Step(string name, AuditReportKind kind, ComplaintFilter filter, string target)
        {
            var path = Path.Combine(work, "report." + (kind == AuditReportKind.Register ? "xlsx" : "pdf"));
            GC.Collect();
            Machine.ResetPeakResident();
            var watch = Stopwatch.StartNew();
            IssuedReport issued;
            await using (var file = File.Create(path))
                issued = await issuer.IssueAsync(kind, AuditReportScope.Of(filter, time.GetUtcNow(), out _)!, "benchmark", english, file);
            var seconds = watch.Elapsed.TotalSeconds;
            var peak = Machine.PeakResidentBytes(Environment.ProcessId) is { } p ? $"{p / 1048576.0:N0} MiB" : "unknown";
            firstIssue ??= issued;
            rows.Add($"| {name} | {seconds:N2} s | {target} | {peak} | {issued.Bytes / 1048576.0:N1} MiB | {issued.ContentSha256[..12]} |");
            Console.WriteLine(rows[^1]);
            File.Delete(path);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Step($"register workbook, all {loaded:N0} complaints (8 sheets, every row)", AuditReportKind.Register, all, "< 15 s, bounded memory");
        await Step("the same again (warm)", AuditReportKind.Register, all, "< 15 s");
        await Step("PDF summary (lists of at most 1,000 rows)", AuditReportKind.Summary, all, "");
        await Step("register workbook reproduced as of the first issue (complaints_as_of, complaint_sla_as_of)", AuditReportKind.Register,
            all with { AsOf = firstIssue!.AsOf }, "same digest as the first");

        var text = new StringBuilder();
        text.AppendLine($"# Audit reports at {loaded:N0} complaints");
        text.AppendLine();
        text.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Machine.Commit()} on {Machine.Describe()}; load average {Machine.LoadAverage()}.");
        text.AppendLine($"Demo data seed 7 up to {LastDay:yyyy-MM-dd}, loaded through the real load path ({loadTime.Elapsed.TotalSeconds:N0} s including generation, or reused). " +
            "Each step is one issue through `AuditReportIssuer` (the head, two passes over the rows in one read transaction: the digest and figures, then the file; the issue logged), written to a file. " +
            "Peak memory is the process's resident high-water mark during the step alone (reset before it), DuckDB's buffers included.");
        text.AppendLine();
        text.AppendLine("| step | time | target | peak resident memory | file | content SHA-256 |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
            text.AppendLine(row);
        text.AppendLine();
        text.AppendLine($"Reproduce: `dotnet run -c Release --project tests/Complaints.Benchmarks -- audit-report --complaints {complaints}` (add `--reuse` to keep the warehouse).");
        var report = Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "audit-report.md");
        await File.WriteAllTextAsync(report, text.ToString());
        Console.WriteLine(text);
        return 0;
    }
}
