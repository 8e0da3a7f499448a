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
/// Child mode <c>export-step WAREHOUSE FORMAT OUT MEMORY_LIMIT [FROM TO]</c>: one export of the complaint list in a process of its own,
/// so its peak memory is that export's alone (the runtime, DuckDB's buffers for this query, the writer), not what the
/// benchmark's other steps left resident (the earlier in-process readings were the parent's high-water mark, buffer cache and all). FORMAT is xlsx, csv, parquet, arrow, or <c>read</c>: every row read with the
/// typed getters the .xlsx writer uses, written nowhere, the warehouse's share of an export's time.
/// MEMORY_LIMIT is the warehouse's <c>Warehouse:MemoryLimit</c> (DuckDB's <c>memory_limit</c>, 4GB by default), which bounds
/// what DuckDB holds (its cache of the file's blocks, each page's sort). Prints one line: <c>rows seconds peak_bytes output_bytes</c>.
/// </summary>
public static class ExportStep
{
    public const string Name = "export-step";

    public static async Task<int> RunAsync(string[] args)
    {
        var (path, format, output, memoryLimit) = (args[0], args[1], args[2], args[3]);
        var filter = args.Length >= 6
            ? ComplaintFilter.All with { From = DateOnly.Parse(args[4], CultureInfo.InvariantCulture), To = DateOnly.Parse(args[5], CultureInfo.InvariantCulture) }
            : ComplaintFilter.All;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reporting = new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } };
        // The parent migrated the file; this process only reads it, so it needs no derived tables.
        using var warehouse = new WarehouseDatabase(path, memoryLimit, NullLogger<WarehouseDatabase>.Instance, []);
        var list = new ComplaintListQueries(warehouse, Options.Create(reporting), time);
        var exports = new ComplaintExports(list, FilterAsQuery.Describe, time);
        // No reset of the peak: it is the whole process's, the runtime included, as a host serving the download would need.
        var watch = Stopwatch.StartNew();
        long rows;
        if (format == "read")
            rows = ReadAll(list, filter);
        else
        {
            await using var file = File.Create(output);
            rows = (await exports.WriteAsync(ExportFormats.Parse(format) ?? throw new ArgumentException($"Unknown format {format}"), file, filter, null,
                CultureInfo.GetCultureInfo("en-GB"))).Rows;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var bytes = File.Exists(output) ? new FileInfo(output).Length : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} {seconds:F3} {Machine.PeakResidentBytes(Environment.ProcessId) ?? 0} {bytes}"));
        return 0;
    }

    /// <summary>Reads every cell of the list through its typed getter, writing nothing: the warehouse's share of an export.</summary>
    internal static long ReadAll(ComplaintListQueries list, ComplaintFilter filter)
    {
        using var pages = list.ExportPages(filter, null, withFreeText: true);
        long rows = 0, sink = 0;
        foreach (var page in pages.Commands())
        {
            using (page)
            using (var reader = page.ExecuteReader())
            {
                var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
                while (reader.Read())
                {
                    for (var c = 0; c < types.Length; c++)
                    {
                        if (reader.IsDBNull(c)) continue;
                        var type = types[c];
                        sink += type == typeof(string) ? reader.GetString(c).Length
                            : type == typeof(DateTime) ? reader.GetDateTime(c).Ticks & 1
                            : type == typeof(decimal) ? (long)reader.GetDecimal(c)
                            : type == typeof(double) ? (long)reader.GetDouble(c)
                            : type == typeof(int) ? reader.GetInt32(c)
                            : 0;
                    }
                    rows++;
                }
            }
        }
        GC.KeepAlive(sink);
        return rows;
    }

    /// <summary>Runs one step in a child process of this benchmark and reads its line.</summary>
    public static (long Rows, double Seconds, long Peak, long Bytes) InChild(string warehouse, string format, string output, string memoryLimit, ComplaintFilter filter)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, ArgumentList = { typeof(ExportStep).Assembly.Location, Name, warehouse, format, output, memoryLimit } };
        if (filter.From is { } from && filter.To is { } to)
        {
            start.ArgumentList.Add(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            start.ArgumentList.Add(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        using var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"The {format} export step failed with exit code {child.ExitCode}: {line}");
        var parts = line.Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
