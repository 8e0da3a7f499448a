using Complaints.Warehouse.Writes;
using Microsoft.Extensions.Logging;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// Anchors the audit chain outside the warehouse: after every write that added entries, on a schedule and at start,
/// it appends the chain's head (sequence number, hash, Merkle root) signed with the checkpoint key to the checkpoint
/// file. It never signs what it has not checked: at start it verifies the whole trail against the file, and after
/// that it extends the chain only with entries that continue it. A broken trail stops the anchoring (and the
/// verification job alerts), so a tampered state is never vouched for.
/// </summary>
public sealed class AuditCheckpoints
{
    private readonly WarehouseDatabase _warehouse;
    private readonly byte[]? _key;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpoints> _logger;
    private readonly object _lock = new();
    // The verified chain so far; null until the first full verification.
    private MerkleFrontier? _frontier;
    private long _headSeq;
    private string _headHash = AuditLog.Genesis;
    private long _anchoredSeq = -1;
    private AuditVerification? _last;

    public AuditCheckpoints(WarehouseDatabase warehouse, AuditCheckpointFile file, byte[]? key, TimeProvider time, ILogger<AuditCheckpoints> logger)
    {
        (_warehouse, File, _key, _time, _logger) = (warehouse, file, key, time, logger);
        warehouse.Changed += OnChanged;
        warehouse.Recorded += () => OnChanged(WarehouseChange.Other);
    }

    public AuditCheckpointFile File { get; }

    public bool Signed => _key is not null;

    /// <summary>The outcome of the latest full verification (at start, by the job, or on request); null before the first.</summary>
    public AuditVerification? LastVerification => _last;

    /// <summary>
    /// Walks the whole trail against the checkpoint file now; when intact, anchoring carries on from its head. The walk
    /// reads one snapshot of the trail and holds no lock, so writes and their checkpoints go on while it runs (a visit to
    /// the Audit page never holds up a load); the lock is taken only to read the checkpoint file and to adopt the result.
    /// </summary>
    public AuditVerification Verify()
    {
        // The file is read before the snapshot is taken, so every checkpoint in it covers entries the snapshot holds.
        IReadOnlyList<CheckpointLine> lines;
        lock (_lock)
            lines = File.Read();
        var frontier = new MerkleFrontier();
        AuditVerification verification;
        using (var connection = _warehouse.OpenConnection())
            verification = AuditVerifier.Verify(connection, lines, _key, _time, frontier);
        lock (_lock)
        {
            _last = verification;
            if (verification.Intact)
            {
                // Anchoring may have moved past the walked head meanwhile, entry by entry checked: keep the further one.
                if (_frontier is null || _headSeq <= verification.HeadSeq)
                    (_frontier, _headSeq, _headHash) = (frontier, verification.HeadSeq, verification.HeadHash);
                _anchoredSeq = Math.Max(_anchoredSeq, verification.LastCheckpoint?.Seq ?? -1);
            }
            else
            {
                _frontier = null;
                _logger.LogCritical("{Summary} Checkpoints are not written until this is resolved.", verification.Summary);
            }
        }
        return verification;
    }

    /// <summary>Appends a checkpoint of the current head; with <paramref name="always"/> false only when the head moved since the last one.</summary>
    /// <returns>The checkpoint written, or null (nothing new, or the trail is broken).</returns>
    public AuditCheckpoint? Checkpoint(string reason, bool always)
    {
        lock (_lock)
        {
            if (_frontier is null && !Verify().Intact) return null;
            if (!Extend()) return null;
            if (!always && _headSeq == _anchoredSeq) return null;
            var checkpoint = AuditCheckpoint.Create(_headSeq, _headHash, _frontier!.RootHex(), _time.GetUtcNow(), reason, _key);
            File.Append(checkpoint);
            _anchoredSeq = _headSeq;
            return checkpoint;
        }
    }

    /// <summary>
    /// The chain's head now, verified (the entries since the last verified head must continue the chain), with the
    /// newest signed checkpoint: what an audit report prints. Null when the trail is broken.
    /// </summary>
    public AuditHead? Head()
    {
        lock (_lock)
        {
            if (_frontier is null && !Verify().Intact) return null;
            if (!Extend()) return null;
            var signed = File.Read().Select(l => l.Checkpoint).LastOrDefault(c => c?.Signature is not null);
            return new AuditHead(_headSeq, _headHash, _frontier!.RootHex(), signed);
        }
    }

    private void OnChanged(WarehouseChange change)
    {
        try
        {
            Checkpoint("write", always: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Could not append an audit checkpoint to {Path}", File.Path);
        }
    }

    /// <summary>Takes the entries appended since the verified head, each of which must continue the chain.</summary>
    private bool Extend()
    {
        using var connection = _warehouse.OpenConnection();
        foreach (var entry in AuditLog.Read(connection, _headSeq))
        {
            if (entry.Seq != _headSeq + 1 || entry.PrevHash != _headHash || entry.Hash != AuditLog.HashOf(entry))
            {
                // Something changed the trail behind the verified head: say what, with the full walk.
                _frontier = null;
                return Verify().Intact && Extend();
            }
            _frontier!.Append(Convert.FromHexString(entry.Hash));
            (_headSeq, _headHash) = (entry.Seq, entry.Hash);
        }
        return true;
    }
}
