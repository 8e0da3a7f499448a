using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Complaints.Warehouse;

/// <summary>
/// The embedded DuckDB file. Reads open their own connections and run alongside each other;
/// every write passes <see cref="WriteAsync"/>, the one writer gate, so writes never conflict inside DuckDB.
/// </summary>
public sealed class WarehouseDatabase(string path, ILogger<WarehouseDatabase> logger) : IDisposable
{
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    // DuckDB.NET shares one database instance among a file's open connections and closes it with the last one;
    // holding one open spares every query the cost of reopening the file.
    private DuckDBConnection? _keepAlive;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public DuckDBConnection OpenConnection()
    {
        var connection = new DuckDBConnection($"Data Source={Path}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.Ordinal))
        {
            connection.Dispose();
            throw new WarehouseLockedException(Path, e);
        }
        return connection;
    }

    public async Task<T> WriteAsync<T>(Func<DuckDBConnection, Task<T>> write, CancellationToken cancellationToken = default)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            using var connection = OpenConnection();
            return await write(connection);
        }
        finally
        {
            Interlocked.Increment(ref _writes);
            _writerGate.Release();
        }
    }

    private long _writes;

    /// <summary>Changes whenever a write has ended (committed or not): what was read before may be stale, what is cached must be read again.</summary>
    public long WriteCount => Interlocked.Read(ref _writes);

    /// <summary>Creates the folder and file if needed and applies pending migrations.</summary>
    public async Task InitializeAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _keepAlive ??= OpenConnection();
        var applied = await WriteAsync(c => Task.FromResult(Migrations.Apply(c, time)), cancellationToken);
        foreach (var migration in applied)
            logger.LogInformation("Applied warehouse migration {Migration}", migration);
    }

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _writerGate.Dispose();
    }
}

public sealed class WarehouseLockedException(string path, Exception inner)
    : Exception($"The warehouse {path} is in use by another process (DuckDB allows one writer process per file).", inner)
{
    public string WarehousePath { get; } = path;
}

/// <summary>
/// Applies migrations, brings the cost rollup in line with the configured rates and measures what a load left
/// unmeasured when the process stopped, before the host serves anything.
/// </summary>
public sealed class WarehouseStartup(WarehouseDatabase warehouse, TimeProvider time, Costs.CostRollup costs, Sla.SlaMeasures sla) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await warehouse.InitializeAsync(time, cancellationToken);
        await costs.EnsureCurrentAsync(warehouse, cancellationToken);
        await sla.RefreshPendingAsync(warehouse, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
