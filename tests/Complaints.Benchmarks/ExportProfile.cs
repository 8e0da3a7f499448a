using System.Diagnostics;
using System.Globalization;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>export-profile WAREHOUSE [MEMORY_LIMIT]</c>: where the complaint list's .xlsx export spends its time, over a warehouse
/// the exports benchmark kept (run it once first; pass a copy of its file so a run never holds the benchmark's lock).
/// Each pass reads every page of the whole list: the pages' DuckDB work alone (rows advanced, no cell read), every cell
/// read with the typed getters, and the whole .xlsx written to nowhere. Wall and CPU seconds per pass: CPU time says
/// what a pass costs even on a loaded machine, where wall time mostly says who else was running.
/// </summary>
public static class ExportProfile
{
    public const string Name = "export-profile";

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.ElementAtOrDefault(0) ?? throw new ArgumentException("Usage: export-profile WAREHOUSE [MEMORY_LIMIT]");
        var memoryLimit = args.ElementAtOrDefault(1) ?? new WarehouseOptions().MemoryLimit;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reporting = Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
        using var warehouse = new WarehouseDatabase(path, memoryLimit, NullLogger<WarehouseDatabase>.Instance, []);
        var list = new ComplaintListQueries(warehouse, reporting, time);
        var exports = new ComplaintExports(list, FilterAsQuery.Describe, time);
        Console.WriteLine($"load average {Machine.LoadAverage()}");
        if (args.Contains("--explain"))
        {
            using var pages = list.ExportPages(ComplaintFilter.All, null, withFreeText: true);
            using var page = pages.Commands().Skip(10).First();
            page.CommandText = "EXPLAIN ANALYZE " + page.CommandText;
            page.UseStreamingMode = false;
            using var reader = page.ExecuteReader();
            while (reader.Read())
                Console.WriteLine(reader.GetString(1));
            return 0;
        }

        if (args.Contains("--experiments"))
        {
            (string What, Func<string, string> Change)[] variants =
            [
                ("as it is", sql => sql),
                ("without the customers", sql => sql.Replace("WHERE (cu.source, cu.customer_id) IN (SELECT source, customer_id FROM page)", "WHERE FALSE")),
                ("without the final sort", sql => sql[..sql.LastIndexOf("ORDER BY", StringComparison.Ordinal)]),
                ("without the zone", sql => sql.Replace("timezone($tz, ", "(")),
            ];
            foreach (var (what, change) in variants)
                Measure(what, () =>
                {
                    using var pages = list.ExportPages(ComplaintFilter.All, null, withFreeText: true);
                    long rows = 0;
                    foreach (var page in pages.Commands())
                        using (page)
                        {
                            page.CommandText = change(page.CommandText);
                            using var reader = page.ExecuteReader();
                            while (reader.Read())
                                rows++;
                        }
                    return rows;
                });
            return 0;
        }
        Measure("page starts (the sorted key, streamed)", () =>
        {
            using var pages = list.ExportPages(ComplaintFilter.All, null, withFreeText: true);
            return pages.Rows;
        });
        Measure("pages read, rows advanced, no cell read (DuckDB's share)", () =>
        {
            using var pages = list.ExportPages(ComplaintFilter.All, null, withFreeText: true);
            long rows = 0;
            foreach (var page in pages.Commands())
                using (page)
                using (var reader = page.ExecuteReader())
                    while (reader.Read())
                        rows++;
            return rows;
        });
        Measure("pages read, every cell through its typed getter", () => ExportStep.ReadAll(list, ComplaintFilter.All));
        await MeasureAsync("whole .xlsx to nowhere", async () =>
            (await exports.WriteAsync(ExportFormat.Xlsx, Stream.Null, ComplaintFilter.All, null, CultureInfo.GetCultureInfo("en-GB"), withFreeText: true)).Rows);
        await MeasureAsync("whole CSV to nowhere", async () =>
            (await exports.WriteAsync(ExportFormat.Csv, Stream.Null, ComplaintFilter.All, null, CultureInfo.GetCultureInfo("en-GB"), withFreeText: true)).Rows);
        Console.WriteLine($"load average {Machine.LoadAverage()}");
        return 0;
    }

    private static void Measure(string what, Func<long> pass) => MeasureAsync(what, () => Task.FromResult(pass())).GetAwaiter().GetResult();

    private static async Task MeasureAsync(string what, Func<Task<long>> pass)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var rows = await pass();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {rows:N0} rows, {wall:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU"));
    }
}
