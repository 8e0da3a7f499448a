namespace Complaints.Warehouse.Audit;

/// <summary>The audit chain's head as verified at one moment, and the newest signed checkpoint (null: none yet, or no key).</summary>
public sealed record AuditHead(long Seq, string Hash, string MerkleRoot, AuditCheckpoint? LastSignedCheckpoint);
