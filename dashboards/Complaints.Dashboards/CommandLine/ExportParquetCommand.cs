using System.Diagnostics;
using Complaints.Warehouse;
using Complaints.Warehouse.Export;

namespace Complaints.Dashboards.CommandLine;

/// <summary><c>export-parquet --out &lt;folder&gt; [--warehouse &lt;path&gt;]</c>: the warehouse as Hive-partitioned Parquet for Spark, Trino or DuckDB.</summary>
public static class ExportParquetCommand
{
    public const int Exported = 0, Usage = 2, WarehouseInUse = 3;

    public const string UsageText = """
        Usage: export-parquet --out <folder> [--warehouse <path>]
          --out        the folder to write: one folder per table, facts partitioned as year=YYYY/month=M by month of receipt
          --warehouse  the DuckDB file; by default the one the platform uses (Warehouse:Path)
        Exit codes: 0 exported, 2 usage, 3 warehouse in use by the running platform.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--out" or "--warehouse")) || !options.TryGetValue("--out", out var outFolder))
        {
            output.WriteLine(UsageText);
            return Usage;
        }
        var folder = CommandLine.UserPath(outFolder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            output.WriteLine($"{folder} is not empty: export into a new or empty folder, so no file of an older export is mixed in.");
            return Usage;
        }

        using var host = CommandHost.Build(options.TryGetValue("--warehouse", out var w) ? CommandLine.UserPath(w) : null, _ => { });
        var warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
        try
        {
            await warehouse.InitializeAsync(TimeProvider.System);
        }
        catch (WarehouseLockedException e)
        {
            output.WriteLine($"The warehouse {e.WarehousePath} is in use: the platform is running and holds it (DuckDB allows one process). Stop it, export, and start it again.");
            return WarehouseInUse;
        }

        output.WriteLine($"Exporting {warehouse.Path} to {folder}");
        var watch = Stopwatch.StartNew();
        var manifest = host.Services.GetRequiredService<ParquetExport>().Export(folder, table => output.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0.0} s  {table}"));
        foreach (var table in manifest.Tables)
            output.WriteLine($"  {table.Name,-16} {table.Rows,12:N0} rows{(table.PartitionedByMonth ? ", by month of receipt" : "")}");
        output.WriteLine($"Exported in {watch.Elapsed.TotalSeconds:0.0} s; {ParquetExport.ManifestName} lists the tables. Months are in {manifest.TimeZone}.");
        return Exported;
    }
}
