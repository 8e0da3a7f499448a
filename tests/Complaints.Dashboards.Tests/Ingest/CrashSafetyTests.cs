using System.Diagnostics;
using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Tests.Ingest;

public sealed class CrashSafetyTests
{
    [Fact]
    public async Task A_load_killed_mid_merge_leaves_nothing_half_loaded_and_the_file_loads_on_the_next_try()
    {
        var folder = Directory.CreateTempSubdirectory("complaints-crash-").FullName;
        try
        {
            var files = new DemoDataGenerator().Write(Path.Combine(folder, "data"), new DemoDataOptions(100_000, Seed: 3, LastDay: new DateOnly(2026, 6, 30)));
            var warehousePath = Path.Combine(folder, "warehouse.duckdb");

            // The ingest command in a child process, killed as soon as it reports the merge step.
            var host = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(host)! };
            foreach (var arg in new[] { host, "ingest", files.Complaints, "--feed", "complaints", "--warehouse", warehousePath })
                start.ArgumentList.Add(arg);
            using (var child = Process.Start(start)!)
            {
                string? line;
                while ((line = await child.StandardOutput.ReadLineAsync()) is not null && !line.Contains("merging into the warehouse"))
                {
                }
                // The kill must land inside the merge: a child that died before it never says "merging", one that finished first has exited.
                Assert.True(line is not null, "the child ended before it reached the merge");
                Assert.False(child.HasExited, "the child had finished before it could be killed");
                child.Kill(entireProcessTree: true);
                var rest = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                Assert.NotEqual(0, child.ExitCode);
                Assert.DoesNotContain("done (", rest);
            }

            using var warehouse = TempWarehouse.Open(warehousePath, TimeProvider.System);
            await warehouse.InitializeAsync(TimeProvider.System);
            using (var connection = warehouse.OpenConnection())
            {
                var stored = connection.Scalar<long>("SELECT count(*) FROM complaints");
                var runs = connection.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE status = 'loaded'");
                // Killed mid-merge, before the commit: nothing of the file, not even its run.
                Assert.True((stored, runs) is (0, 0), $"a load killed mid-merge left {stored} complaints and {runs} loaded runs");
            }

            var loader = Loaders.Loader(warehouse, TimeProvider.System);
            var retry = await loader.LoadAsync(files.Complaints, FeedLayouts.Complaints);

            Assert.NotEqual(LoadStatus.Rejected, retry.Status);
            using var check = warehouse.OpenConnection();
            Assert.Equal(100_000, check.Scalar<long>("SELECT count(*) FROM complaints"));
            Assert.Equal(1, check.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE status = 'loaded'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
