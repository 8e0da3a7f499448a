using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Warehouse.Tests;

/// <summary>The warehouse's DuckDB holds no more memory than <c>Warehouse:MemoryLimit</c> says, and spills beside its file.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public async Task Every_connection_runs_under_the_configured_limit_and_spills_to_the_folder_beside_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("complaints-limit-");
        var path = Path.Combine(folder.FullName, "limited.duckdb");
        try
        {
            await Check(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task Check(string path)
    {
        using var warehouse = new WarehouseDatabase(path, "100MB", NullLogger<WarehouseDatabase>.Instance, []);
        await warehouse.InitializeAsync(TimeProvider.System);

        using var connection = warehouse.OpenConnection();
        var limit = connection.Scalar<string>("SELECT current_setting('memory_limit')");
        var temp = connection.Scalar<string>("SELECT current_setting('temp_directory')");
        // A sort of 4 million hashes needs more than 100 MB: DuckDB spills it instead of failing or growing.
        var sorted = connection.Scalar<long>("SELECT count(*) FROM (SELECT i, md5(i::VARCHAR) AS h FROM range(4000000) t(i) ORDER BY h)");

        Assert.Equal("95.3 MiB", limit);
        Assert.Equal(path + ".tmp", temp);
        Assert.Equal(4_000_000, sorted);
    }

    [Fact]
    public void The_default_suits_a_shared_machine()
    {
        Assert.Equal("4GB", new WarehouseOptions().MemoryLimit);
    }
}
