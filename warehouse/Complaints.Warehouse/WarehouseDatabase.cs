using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Complaints.Warehouse;

/// <summary>
/// The embedded DuckDB file. Reads open their own connections and run alongside each other;
/// every write passes <see cref="WriteAsync"/>, the one writer gate, so writes never conflict inside DuckDB.
/// After each write the gate announces what changed: the owners of derived tables keep them in step (in the write's
/// transaction and right after it, see <see cref="IDerivedTables"/>), then <see cref="Changed"/> tells everyone else.
/// </summary>
/// <param name="memoryLimit">DuckDB's <c>memory_limit</c> for this file (<see cref="WarehouseOptions.MemoryLimit"/>).</param>
/// <param name="derived">Every part that owns tables derived from the facts; each write keeps them in step.</param>
public sealed class WarehouseDatabase(string path, string memoryLimit, ILogger<WarehouseDatabase> logger, IReadOnlyList<IDerivedTables> derived) : IDisposable
{
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    // DuckDB.NET shares one database instance among a file's open connections and closes it with the last one;
    // holding one open spares every query the cost of reopening the file.
    private DuckDBConnection? _keepAlive;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string MemoryLimit { get; } = memoryLimit;

    public DuckDBConnection OpenConnection()
    {
        // Every connection names the same settings: DuckDB shares one instance per file and refuses a second configuration.
        var connection = new DuckDBConnection($"Data Source={Path};memory_limit={MemoryLimit}");
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
        var committed = new List<WarehouseChange>();
        try
        {
            using var connection = OpenConnection();
            (_writer, _committed) = (connection, committed);
            var result = await write(connection);
            foreach (var change in Said(committed))
                foreach (var owner in derived)
                    owner.AfterCommit(connection, change);
            return result;
        }
        finally
        {
            (_writer, _committed) = (null, null);
            Interlocked.Increment(ref _writes);
            _writerGate.Release();
            Announce(Said(committed));
        }
    }

    /// <summary>
    /// A write to tables no figure reads (accounts, tokens, audit entries of who signed in or saw what): it passes the
    /// same gate, but neither drops cached figures nor announces a change, so a sign-in does not make pages recompute.
    /// </summary>
    public async Task<T> RecordAsync<T>(Func<DuckDBConnection, T> write, CancellationToken cancellationToken = default)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            using var connection = OpenConnection();
            return write(connection);
        }
        finally
        {
            _writerGate.Release();
            try
            {
                Recorded?.Invoke();
            }
            catch (Exception e)
            {
                logger.LogError(e, "A listener failed after a record write");
            }
        }
    }

    /// <summary>
    /// Commits a write's transaction and says what it changed: the owners of derived tables bring theirs in line in the
    /// same transaction first, and after the write the change is announced. Only inside <see cref="WriteAsync"/>.
    /// </summary>
    public void Commit(DuckDBTransaction transaction, WarehouseChange change)
    {
        if (_committed is null || _writer is null || !ReferenceEquals(transaction.Connection, _writer))
            throw new InvalidOperationException("Only a write inside WriteAsync can commit through the writer gate.");
        if (_firstLoad)
            change = change with { Deferred = true };
        foreach (var owner in derived)
            owner.BeforeCommit(_writer, change);
        transaction.Commit();
        _committed.Add(change);
    }

    /// <summary>
    /// Runs several loads into a warehouse that holds no complaints yet (the demo's, a benchmark's, a first import) and
    /// builds what is derived from them once at the end, rather than after each: the SLA measures would otherwise be taken
    /// after the complaints and again after their status events, and each rollup built whole after every feed. Until the
    /// end, the rollups are marked out of date, so pages read the facts. Into a warehouse that holds complaints the loads
    /// run as any others. Returns how long each part's building took at the end (empty when nothing was deferred). A load
    /// that throws skips the building: the next start catches up (pending SLA notes, rollups not current).
    /// </summary>
    public async Task<IReadOnlyList<(string Part, TimeSpan Took)>> FirstLoadAsync(Func<Task> loads, CancellationToken cancellationToken = default)
    {
        using (var connection = OpenConnection())
            if (connection.Scalar<long>("SELECT count(*) FROM complaints") > 0)
            {
                await loads();
                return [];
            }
        _firstLoad = true;
        try
        {
            await loads();
        }
        finally
        {
            _firstLoad = false;
        }
        return await WriteAsync(connection =>
        {
            var took = new List<(string Part, TimeSpan Took)>();
            foreach (var owner in derived)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                owner.AfterFirstLoad(connection);
                took.Add((owner.GetType().Name, watch.Elapsed));
            }
            return Task.FromResult<IReadOnlyList<(string, TimeSpan)>>(took);
        }, cancellationToken);
    }

    /// <summary>Raised after each write, outside the writer gate, with what it changed (<see cref="WarehouseChange.Other"/> when it did not say).</summary>
    public event Action<WarehouseChange>? Changed;

    /// <summary>Raised after each <see cref="RecordAsync"/>: no figure changed, but the audit trail may have grown (a sign-in, a view of personal data).</summary>
    public event Action? Recorded;

    // A write that said nothing (or failed) may still have changed what others read.
    private static List<WarehouseChange> Said(List<WarehouseChange> committed) => committed.Count > 0 ? committed : [WarehouseChange.Other];

    private void Announce(List<WarehouseChange> changes)
    {
        foreach (var change in changes)
            foreach (var listener in Changed?.GetInvocationList() ?? [])
            {
                try
                {
                    ((Action<WarehouseChange>)listener)(change);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "A listener failed on the warehouse change {Change}", change);
                }
            }
    }

    private DuckDBConnection? _writer;
    private List<WarehouseChange>? _committed;
    private volatile bool _firstLoad;
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
