namespace Complaints.Warehouse.Audit;

public enum AuditProblemKind
{
    /// <summary>An entry's content no longer matches its hash, or it was changed and re-hashed.</summary>
    Edited,
    /// <summary>One or more entries are missing from the middle of the chain.</summary>
    Removed,
    /// <summary>An entry that was never appended sits in the chain.</summary>
    Inserted,
    /// <summary>Two entries changed places.</summary>
    Reordered,
    /// <summary>The chain breaks in a way none of the above explains.</summary>
    Broken,
    /// <summary>Entries a checkpoint covered are gone from the end.</summary>
    TailCut,
    /// <summary>The chain is whole, but differs from a signed checkpoint: it was rewritten and re-hashed.</summary>
    Rewritten,
    /// <summary>A line of the checkpoint file is not a checkpoint, is out of order, or its signature does not match.</summary>
    BadCheckpoint,
}

/// <summary>What verification found wrong first: its kind, the first entry concerned (the last for a range) and the sentence that says it.</summary>
public sealed record AuditProblem(AuditProblemKind Kind, long Seq, long LastSeq, string Text);

/// <summary>
/// The outcome of walking the whole trail against the checkpoint file.
/// </summary>
/// <param name="Signed">Whether checkpoint signatures were checked (a key was configured); false: the checkpoints prove nothing against someone who can write both files.</param>
/// <param name="LastCheckpoint">The newest checkpoint in the file, whether or not it matched.</param>
/// <param name="Unanchored">Entries after the newest checkpoint (not yet covered by any).</param>
public sealed record AuditVerification(
    long Entries, long HeadSeq, string HeadHash, string MerkleRoot, int Checkpoints, AuditCheckpoint? LastCheckpoint, long Unanchored,
    bool Signed, AuditProblem? Problem, DateTimeOffset VerifiedAt, TimeSpan Took)
{
    public bool Intact => Problem is null;

    /// <summary>One line for the command, logs and alerts.</summary>
    public string Summary => Problem is { } problem
        ? $"Audit trail BROKEN: {problem.Text}"
        : $"Audit trail intact: {Entries:N0} entries, head #{HeadSeq} {Short(HeadHash)}, " + (LastCheckpoint is { } last
            ? $"last checkpoint #{last.Seq} at {last.At:yyyy-MM-dd HH:mm:ss} UTC ({Checkpoints:N0} checkpoints{(Unanchored > 0 ? $", {Unanchored:N0} entries after it" : "")})"
            : "no checkpoint yet")
          + (Signed ? "." : "; checkpoints UNSIGNED (no Audit:CheckpointKey): they prove nothing against someone who can write both files.");

    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
