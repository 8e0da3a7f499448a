using System.Diagnostics;
using System.Text.Json;
using Complaints.Dashboards.CommandLine;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Export;
using Complaints.Warehouse.Overview;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Tests.Export;

/// <summary>
/// The warehouse exported as Hive-partitioned Parquet by the real command in a process of its own, then read back by a
/// DuckDB that has never seen the warehouse, as Spark or Trino would: the same figures as the pages.
/// </summary>
public sealed class ParquetExportTests
{
    [Fact]
    public async Task An_export_read_back_elsewhere_gives_the_pages_figures_partitioned_by_month_of_receipt()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var loader = warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
            await loader.LoadAsync(warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
        var overview = new OverviewQueries(warehouse.Database, Options.Create(new ReportingOptions()));
        var perProduct = overview.ComplaintsPerProduct(ComplaintFilter.All).Select(p => (p.Sku, p.Name, p.Complaints)).OrderBy(p => p.Sku).ToList();
        var trend = overview.Trend(ComplaintFilter.All).Select(t => (t.Period.Year, t.Period.Month, t.Complaints)).ToList();
        long statutoryMet;
        using (var connection = warehouse.Database.OpenConnection())
            statutoryMet = connection.Scalar<long>("SELECT count(*) FROM complaint_sla WHERE statutory_met");
        warehouse.Database.Dispose(); // the command's process needs the file: DuckDB lets one process hold it

        var folder = Path.Combine(warehouse.Directory, "export");
        var (code, output) = await RunCommand("export-parquet", "--out", folder, "--warehouse", warehouse.Database.Path);

        Assert.Equal(ExportParquetCommand.Exported, code);
        Assert.Contains("Exported in", output);
        using var reader = new DuckDBConnection("Data Source=:memory:");
        reader.Open();
        string Table(string name) => $"read_parquet('{Path.Combine(folder, name)}/**/*.parquet', hive_partitioning = true)";
        var readPerProduct = reader.QueryList($"""
            SELECT c.product_sku, coalesce(p.name, c.product_sku), count(*) FROM {Table("complaints")} c LEFT JOIN {Table("products")} p ON p.sku = c.product_sku
            GROUP BY ALL ORDER BY 1
            """, r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));
        var readTrend = reader.QueryList($"SELECT year, month, count(*) FROM {Table("complaints")} GROUP BY ALL ORDER BY 1, 2",
            r => (Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)), r.GetInt64(2)));
        var readStatutoryMet = reader.Scalar<long>($"SELECT count(*) FROM {Table("complaint_sla")} WHERE statutory_met");

        Assert.Equal(perProduct, readPerProduct);
        Assert.Equal(trend, readTrend);
        Assert.Equal(statutoryMet, readStatutoryMet);
        var (year, month, _) = trend[0];
        Assert.True(Directory.Exists(Path.Combine(folder, "complaints", $"year={year}", $"month={month}")));
        Assert.False(Directory.Exists(Path.Combine(folder, "customer_personal")), "personal data stays in the warehouse");
        var manifest = JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(Path.Combine(folder, ParquetExport.ManifestName)), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(perProduct.Sum(p => p.Complaints), manifest.Tables.Single(t => t.Name == "complaints").Rows);
    }

    [Fact]
    public async Task An_export_into_a_folder_that_holds_files_is_refused_so_no_older_export_is_mixed_in()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        warehouse.WriteFile("old.parquet", "");

        var (code, output) = await RunInProcess("export-parquet", "--out", warehouse.Directory, "--warehouse", Path.Combine(warehouse.Directory, "other.duckdb"));

        Assert.Equal(ExportParquetCommand.Usage, code);
        Assert.Contains("is not empty", output);
    }

    private static async Task<(int Code, string Output)> RunCommand(params string[] args)
    {
        var host = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(host)! };
        foreach (var arg in new[] { host }.Concat(args))
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, output);
    }

    private static async Task<(int Code, string Output)> RunInProcess(params string[] args)
    {
        var output = new StringWriter();
        var code = await Complaints.Dashboards.CommandLine.CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }
}
