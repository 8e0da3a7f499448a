using Complaints.Testing;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Warehouse.Tests.Audit;

/// <summary>
/// A real warehouse file with its audit trail anchored as the host anchors it (a checkpoint after every write), and
/// the tampering someone who can write the DuckDB file could do, in plain SQL.
/// </summary>
public sealed class AuditTrail : IDisposable
{
    public static readonly byte[] Key = "a key the warehouse never holds, 32+ characters"u8.ToArray();

    private AuditTrail(TempWarehouse warehouse)
    {
        Warehouse = warehouse;
        File = new AuditCheckpointFile(Path.Combine(warehouse.Directory, "checkpoints", "audit.checkpoints"));
        Checkpoints = new AuditCheckpoints(warehouse.Database, File, Key, warehouse.Time, NullLogger<AuditCheckpoints>.Instance);
    }

    public TempWarehouse Warehouse { get; }
    public AuditCheckpointFile File { get; }
    public AuditCheckpoints Checkpoints { get; }

    /// <summary>A trail of <paramref name="entries"/> entries, each appended by its own write (so each has its checkpoint).</summary>
    public static async Task<AuditTrail> CreateAsync(int entries)
    {
        var trail = new AuditTrail(await TempWarehouse.CreateAsync());
        for (var i = 1; i <= entries; i++)
            await trail.AppendAsync($"ingest_runs/{i}");
        return trail;
    }

    public Task AppendAsync(string subject) => Warehouse.Database.WriteAsync(connection =>
        Task.FromResult(AuditLog.Append(connection, TimeProvider.System, "admin", "ingest.run.loaded", subject, null, "{\"rows\":10}")));

    public AuditVerification Verify(byte[]? key = null) => Verify(key ?? Key, File);

    public AuditVerification Verify(byte[]? key, AuditCheckpointFile file)
    {
        using var connection = Warehouse.Database.OpenConnection();
        return AuditVerifier.Verify(connection, file.Read(), key, TimeProvider.System);
    }

    public void Sql(string sql, params (string, object?)[] parameters)
    {
        using var connection = Warehouse.Database.OpenConnection();
        connection.Execute(sql, parameters);
    }

    public IReadOnlyList<AuditEntry> Entries()
    {
        using var connection = Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection);
    }

    /// <summary>Replaces the whole table with <paramref name="entries"/>, as someone with write access to the file can.</summary>
    public void Replace(IEnumerable<AuditEntry> entries)
    {
        using var connection = Warehouse.Database.OpenConnection();
        connection.Execute("DELETE FROM audit_log");
        foreach (var e in entries)
            connection.Execute("INSERT INTO audit_log VALUES ($seq, $at, $actor, $action, $subject, $before, $after, $prev, $hash)",
                ("seq", e.Seq), ("at", e.OccurredAt), ("actor", e.Actor), ("action", e.Action), ("subject", e.Subject),
                ("before", e.BeforeJson), ("after", e.AfterJson), ("prev", e.PrevHash), ("hash", e.Hash));
    }

    public void Dispose() => Warehouse.Dispose();
}
