using Complaints.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Testing;

/// <summary>A real DuckDB file in a fresh temporary folder, migrated, deleted on dispose.</summary>
public sealed class TempWarehouse : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("complaints-test-").FullName;
    public WarehouseDatabase Database { get; }

    private TempWarehouse()
    {
        Database = new WarehouseDatabase(Path.Combine(Directory, "warehouse.duckdb"), NullLogger<WarehouseDatabase>.Instance);
    }

    public static async Task<TempWarehouse> CreateAsync(TimeProvider? time = null)
    {
        var warehouse = new TempWarehouse();
        await warehouse.Database.InitializeAsync(time ?? TimeProvider.System);
        return warehouse;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public long Count(string table)
    {
        using var connection = Database.OpenConnection();
        return connection.Scalar<long>($"SELECT count(*) FROM {table}");
    }

    public void Dispose()
    {
        Database.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
