using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Testing;

/// <summary>
/// A real DuckDB file in a fresh temporary folder, migrated, deleted on dispose. Its writer gate has the owners of
/// derived tables the host gives it (SLA measures, cost rollup), configured as given: by default the statutory
/// deadline only and the default reporting options.
/// </summary>
public sealed class TempWarehouse : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("complaints-test-").FullName;
    public WarehouseDatabase Database { get; }
    public TimeProvider Time { get; }

    private TempWarehouse(TimeProvider time, SlaOptions? sla, ReportingOptions? reporting)
    {
        Time = time;
        Database = Open(Path.Combine(Directory, "warehouse.duckdb"), time, sla, reporting);
    }

    public static async Task<TempWarehouse> CreateAsync(TimeProvider? time = null, SlaOptions? sla = null, ReportingOptions? reporting = null)
    {
        var warehouse = new TempWarehouse(time ?? TimeProvider.System, sla, reporting);
        await warehouse.Database.InitializeAsync(warehouse.Time);
        return warehouse;
    }

    /// <summary>The warehouse file at <paramref name="path"/>, its gate with the SLA measures and cost rollup as the host builds them.</summary>
    public static WarehouseDatabase Open(string path, TimeProvider time, SlaOptions? sla = null, ReportingOptions? reporting = null)
    {
        var options = Options.Create(reporting ?? new ReportingOptions());
        return new WarehouseDatabase(path, new WarehouseOptions().MemoryLimit, NullLogger<WarehouseDatabase>.Instance,
            [new SlaMeasures(Options.Create(sla ?? new SlaOptions()), options, time), new CostRollup(options, time, NullLogger<CostRollup>.Instance),
             new Complaints.Warehouse.Rollups.ComplaintRollup(options, time, NullLogger<Complaints.Warehouse.Rollups.ComplaintRollup>.Instance),
             new Complaints.Warehouse.Rollups.SlaRollup(options, time, NullLogger<Complaints.Warehouse.Rollups.SlaRollup>.Instance)]);
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
