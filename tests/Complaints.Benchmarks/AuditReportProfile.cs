using System.Diagnostics;
using System.Globalization;
using Complaints.Reports.AuditReports;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>audit-report-profile</c>: where the register workbook's time goes, per sheet, over the warehouse
/// <c>audit-report</c> kept (run that first): the digest pass (DuckDB hashing every row), the sheet's query alone
/// (every row read, no cell touched), reading each cell as the workbook does, and the whole workbook written to nowhere.
/// </summary>
public static class AuditReportProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-audit-report");
        var warehousePath = Path.Combine(work, "audit-report.duckdb");
        if (!File.Exists(warehousePath))
        {
            Console.WriteLine($"No warehouse at {warehousePath}: run audit-report first.");
            return 2;
        }
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));
        using var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
        await warehouse.InitializeAsync(time);
        var queries = new AuditReportQueries(Options.Create(new ReportingOptions()));
        var scope = AuditReportScope.Of(new ComplaintFilter(From: new DateOnly(2000, 1, 1), To: new DateOnly(2026, 6, 30)), time.GetUtcNow(), out _)!;
        using var connection = warehouse.OpenConnection();

        var watch = Stopwatch.StartNew();
        if (args.Contains("--experiments"))
        {
            foreach (var sheet in new[] { AuditSheet.Register, AuditSheet.Lineage })
                foreach (var variant in new[]
                         {
                             "SELECT max(x) FROM (SELECT t.external_id AS x FROM ({0}) t)",
                             "SELECT max(x) FROM (SELECT CAST(to_json(t) AS VARCHAR) AS x FROM ({0}) t)",
                             "SELECT max(x) FROM (SELECT sha256(CAST(to_json(t) AS VARCHAR)) AS x FROM ({0}) t)",
                             "SELECT sha256(CAST(to_json(t) AS VARCHAR)) AS x FROM ({0}) t",
                         })
                {
                    using var command = queries.Command(connection, sheet, scope);
                    command.CommandText = string.Format(CultureInfo.InvariantCulture, variant, "\n" + command.CommandText + "\n");
                    watch.Restart();
                    long n = 0;
                    using (var reader = command.ExecuteReader())
                        while (reader.Read()) { _ = reader.GetString(0); n++; }
                    Console.WriteLine($"{sheet,-10} {watch.Elapsed.TotalSeconds,6:N2} s {n,9:N0} rows  {variant[..Math.Min(70, variant.Length)]}");
                }
            return 0;
        }
        var cpu = Cpu();
        var summary = AuditReportContent.Read(connection, queries, scope, excerpts: false, CancellationToken.None);
        Console.WriteLine($"digest pass, all sheets: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time ({summary.ContentSha256[..12]})");

        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            watch.Restart();
            long rows = 0;
            using (var command = queries.Command(connection, sheet, scope))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) rows++;
            var query = watch.Elapsed.TotalSeconds;

            watch.Restart();
            using (var command = queries.Command(connection, sheet, scope))
            using (var reader = command.ExecuteReader())
            {
                var values = new object?[reader.FieldCount];
                while (reader.Read())
                    for (var c = 0; c < values.Length; c++)
                        values[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            }
            var cells = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{sheet,-12} {rows,10:N0} rows: query alone {query,6:N2} s, every cell read {cells,6:N2} s");
        }

        watch.Restart();
        cpu = Cpu();
        var cover = new AuditReportCover(AuditReportKind.Register, scope, "", scope.AsOf, null, summary);
        await AuditReportWorkbook.WriteAsync(connection, queries, cover, Stream.Null, CultureInfo.GetCultureInfo("en-GB"), CancellationToken.None);
        Console.WriteLine($"workbook written to nowhere: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time");
        Console.WriteLine($"load average {Machine.LoadAverage()}");
        return 0;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
