using System.Diagnostics;
using Complaints.Dashboards.CommandLine;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Tests.Ingest;

public sealed class IngestCommandTests
{

    [Fact]
    public async Task The_command_loads_a_file_and_exits_0_then_reports_a_redelivery()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var file = warehouse.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));
        var path = Path.Combine(warehouse.Directory, "cli.duckdb");

        var (first, firstOutput) = await Run("ingest", file, "--feed", "complaints", "--warehouse", path);
        var (second, secondOutput) = await Run("ingest", file, "--feed", "complaints", "--warehouse", path);

        Assert.Equal(IngestCommand.Loaded, first);
        Assert.Contains("Loaded run 1: 8 rows read, 8 new", firstOutput);
        Assert.Contains("[4/5] merging into the warehouse", firstOutput);
        Assert.Contains("[5/5] measuring SLA", firstOutput);
        Assert.Equal(IngestCommand.Loaded, second);
        Assert.Contains("Already loaded", secondOutput);
    }

    [Fact]
    public async Task A_folder_of_feed_files_loads_as_one_first_load_whose_measures_and_rollups_are_built_once()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var folder = Path.Combine(warehouse.Directory, "demo");
        new Complaints.Demo.DemoDataGenerator().Write(folder, new Complaints.Demo.DemoDataOptions(500, Seed: 4, LastDay: new DateOnly(2026, 6, 30)));
        var path = Path.Combine(warehouse.Directory, "cli.duckdb");

        var (code, output) = await Run("ingest", "--folder", folder, "--warehouse", path);

        Assert.Equal(IngestCommand.Loaded, code);
        Assert.Contains("as complaints", output);
        Assert.True(output.IndexOf("as status_events", StringComparison.Ordinal) > output.IndexOf("as complaints", StringComparison.Ordinal), "feeds load in their order");
        Assert.Contains("built once after the last file: SlaMeasures", output);
        Assert.Contains("built once after the last file: SlaRollup", output);
        using var loaded = TempWarehouse.Open(path, TimeProvider.System);
        using var connection = loaded.OpenConnection();
        Assert.Equal(connection.Scalar<long>("SELECT count(*) FROM complaints"), connection.Scalar<long>("SELECT count(*) FROM complaint_sla"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaint_sla_versions"));
        Assert.True(Complaints.Warehouse.Rollups.SlaRollup.IsCurrent(connection, new Complaints.Warehouse.ReportingOptions()));
    }

    [Fact]
    public async Task A_folder_without_feed_files_exits_2_naming_the_files_it_looks_for()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var (code, output) = await Run("ingest", "--folder", warehouse.Directory, "--warehouse", Path.Combine(warehouse.Directory, "cli.duckdb"));

        Assert.Equal(IngestCommand.Usage, code);
        Assert.Contains("holds no file named after a feed (products.csv", output);
    }

    [Fact]
    public async Task The_command_loads_the_CFPB_export_through_its_shipped_profile()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var cfpb = Path.Combine(Repository.Root, "tests", "data", "cfpb", "consumer_complaints_2014.csv");

        var (code, output) = await Run("ingest", cfpb, "--feed", "complaints", "--profile", "cfpb-complaints", "--warehouse", Path.Combine(warehouse.Directory, "cli.duckdb"));

        Assert.Equal(IngestCommand.Loaded, code);
        Assert.Contains("8,340 rows read, 8,340 new", output.Replace('\u00A0', ','));
    }

    [Fact]
    public async Task A_file_that_does_not_fit_the_profile_exits_1_naming_the_missing_columns()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var file = warehouse.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));

        var (code, output) = await Run("ingest", file, "--feed", "complaints", "--profile", "cfpb-complaints", "--warehouse", Path.Combine(warehouse.Directory, "cli.duckdb"));

        Assert.Equal(IngestCommand.Rejected, code);
        Assert.Contains("complaints.csv does not fit profile cfpb-complaints: missing column(s) 'Complaint ID', 'Date received'", output);
    }

    [Fact]
    public async Task A_rejected_file_exits_non_zero_with_the_reason()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var file = warehouse.WriteFile("bad.csv", OverviewFixture.Csv(FeedLayouts.Complaints).Replace(",HA-0002,", ",,"));

        var (code, output) = await Run("ingest", file, "--feed", "complaints", "--warehouse", Path.Combine(warehouse.Directory, "cli.duckdb"));

        Assert.Equal(IngestCommand.Rejected, code);
        Assert.Contains("nothing stored: bad.csv: 2 of 8 rows are bad", output);
        Assert.Contains("line 8, field product_sku: a value is required", output);
    }

    [Theory]
    [InlineData(new[] { "ingest" }, "Name the file to load.")]
    [InlineData(new[] { "ingest", "/no/such/file.csv", "--feed", "complaints" }, "/no/such/file.csv does not exist.")]
    [InlineData(new[] { "ingest", "{file}", "--feed", "tickets" }, "There is no feed 'tickets'.")]
    [InlineData(new[] { "ingest", "{file}", "--feed", "complaints", "--profile", "no-such-profile" }, "no shipped profile 'no-such-profile' (shipped: canonical-complaints, cfpb-complaints,")]
    [InlineData(new[] { "ingest", "{file}", "--feed", "surveys", "--profile", "cfpb-complaints" }, "Profile cfpb-complaints maps to the complaints feed, not surveys.")]
    [InlineData(new[] { "ingest", "{file}", "--feed", "complaints", "--mapping", "x.json" }, "Unknown or incomplete option --mapping.")]
    public async Task Bad_arguments_exit_2_with_the_usage(string[] args, string message)
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, output) = await Run(args.Select(a => a.Replace("{file}", file)).ToArray());

            Assert.Equal(IngestCommand.Usage, code);
            Assert.Contains(message, output);
            Assert.Contains("Usage: ingest <file> --feed <feed>", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task While_another_process_holds_the_warehouse_the_command_points_to_the_upload()
    {
        using var warehouse = await TempWarehouse.CreateAsync(); // this test process now holds the file open
        var file = warehouse.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));
        var host = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(host)! };
        foreach (var arg in new[] { host, "ingest", file, "--feed", "complaints", "--warehouse", warehouse.Database.Path })
            start.ArgumentList.Add(arg);

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        Assert.Equal(IngestCommand.WarehouseInUse, child.ExitCode);
        Assert.Contains("is in use: the platform is running and holds it", output);
        Assert.Contains("/api/ingest/complaints", output);
        Assert.Equal(0, warehouse.Count("complaints"));
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await Complaints.Dashboards.CommandLine.CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }
}
