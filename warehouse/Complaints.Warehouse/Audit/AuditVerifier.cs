using System.Diagnostics;
using DuckDB.NET.Data;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// Walks the whole audit trail once, in sequence order, and checks every link of the hash chain, then the chain's
/// hash and Merkle root at every checkpoint. Names the first entry edited, removed, inserted or reordered, a tail
/// cut off after a checkpoint, and a chain re-hashed since one (which the chain alone cannot show).
/// Streams the rows: memory does not grow with the trail.
/// </summary>
public static class AuditVerifier
{
    /// <param name="frontier">Filled with the Merkle tree of the entries that verified (for anchoring to carry on from); a new one when null.</param>
    public static AuditVerification Verify(DuckDBConnection connection, IReadOnlyList<CheckpointLine> lines, byte[]? key, TimeProvider time, MerkleFrontier? frontier = null)
    {
        var watch = Stopwatch.StartNew();
        var (checkpoints, badLine) = Checked(lines, key);
        frontier ??= new MerkleFrontier();
        var (headSeq, headHash) = (0L, AuditLog.Genesis);
        AuditProblem? problem = badLine;
        if (problem is null && checkpoints.FirstOrDefault(c => c.Seq == 0 && c.Hash != AuditLog.Genesis) is { } badEmpty)
            problem = new AuditProblem(AuditProblemKind.BadCheckpoint, 0, 0, $"the checkpoint of {At(badEmpty)} says the trail was empty but holds hash {AuditVerification.Short(badEmpty.Hash)}, not the chain's start.");

        var next = 0;
        while (next < checkpoints.Count && checkpoints[next].Seq == 0) next++;
        var lastMatched = 0L;
        if (problem is null)
        {
            string? prevPrev = null;
            using var entries = Read(connection).GetEnumerator();
            var current = entries.MoveNext() ? entries.Current : null;
            while (current is not null)
            {
                var following = entries.MoveNext() ? entries.Current : null;
                var expected = headSeq + 1;
                if (current.Seq != expected || current.PrevHash != headHash || !AuditLog.HasHash(current, current.Hash))
                {
                    // A break right after a checkpoint that did not match says more precisely what happened (an insertion passes
                    // the chain's own checks up to the entry after it); a break further on is a second, later problem.
                    var broken = Classify(current, following, expected, headHash, prevPrev);
                    if (problem is null || broken.Seq <= problem.LastSeq) problem = broken;
                    break;
                }
                if (problem is not null) break;
                frontier.Append(Convert.FromHexString(current.Hash));
                (prevPrev, headSeq, headHash) = (headHash, current.Seq, current.Hash);
                for (; next < checkpoints.Count && checkpoints[next].Seq == headSeq; next++)
                {
                    var checkpoint = checkpoints[next];
                    if (checkpoint.Hash == headHash && checkpoint.MerkleRoot == frontier.RootHex())
                    {
                        lastMatched = headSeq;
                        continue;
                    }
                    problem = Rewritten(checkpoint, lastMatched);
                    break;
                }
                // After a mismatch, one more entry is read to see whether the chain breaks there (see above).
                if (problem is not null && following is null) break;
                current = following;
            }
        }
        if (problem is null && next < checkpoints.Count)
        {
            var furthest = checkpoints[^1];
            problem = new AuditProblem(AuditProblemKind.TailCut, headSeq + 1, furthest.Seq,
                $"the tail was cut off: the trail ends at entry {headSeq}, but the checkpoint of {At(furthest)} covers entries up to {furthest.Seq} " +
                $"(entries {headSeq + 1}–{furthest.Seq} are gone).");
        }
        var last = checkpoints.Count > 0 ? checkpoints[^1] : null;
        return new AuditVerification(frontier.Size, headSeq, headHash, frontier.RootHex(), checkpoints.Count, last,
            Math.Max(0, headSeq - (last?.Seq ?? 0)), key is not null, problem, time.GetUtcNow(), watch.Elapsed);
    }

    /// <summary>The checkpoints in file order, or the first line that is not a well-formed, ordered checkpoint with a matching signature.</summary>
    private static (List<AuditCheckpoint> Checkpoints, AuditProblem? Bad) Checked(IReadOnlyList<CheckpointLine> lines, byte[]? key)
    {
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var line in lines)
        {
            if (line.Checkpoint is not { } checkpoint)
                return (checkpoints, Bad(line.Number, line.Problem!));
            if (key is not null && !checkpoint.IsSignedWith(key))
                return (checkpoints, Bad(line.Number, checkpoint.Signature is null
                    ? "it is unsigned, though a key is configured (a line added by hand, or written before the key was set)"
                    : "its signature does not match (the line was edited, or it was signed with another key)"));
            if (checkpoints.Count > 0 && checkpoint.Seq < checkpoints[^1].Seq)
                return (checkpoints, Bad(line.Number, $"it is at entry {checkpoint.Seq}, behind the line before it at entry {checkpoints[^1].Seq}"));
            checkpoints.Add(checkpoint);
        }
        return (checkpoints, null);
    }

    private static AuditProblem Bad(int line, string why) =>
        new(AuditProblemKind.BadCheckpoint, 0, 0, $"line {line} of the checkpoint file cannot be trusted: {why}.");

    private static AuditProblem Rewritten(AuditCheckpoint checkpoint, long lastMatched)
    {
        var first = lastMatched + 1;
        var range = first == checkpoint.Seq ? $"entry {first}" : $"an entry between {first} and {checkpoint.Seq}";
        return new AuditProblem(AuditProblemKind.Rewritten, first, checkpoint.Seq,
            $"the chain was rewritten and re-hashed: at entry {checkpoint.Seq} it no longer matches the checkpoint signed at {At(checkpoint)}" +
            (lastMatched > 0 ? $" (it still matched at entry {lastMatched}); {range} was changed." : $"; {range} was changed (no earlier checkpoint matches)."));
    }

    /// <summary>Says what most likely happened at the first entry that does not continue the chain.</summary>
    private static AuditProblem Classify(AuditEntry entry, AuditEntry? following, long expected, string previousHash, string? beforePrevious)
    {
        var selfConsistent = entry.Hash == AuditLog.HashOf(entry);
        var linked = entry.PrevHash == previousHash;
        if (linked && entry.Seq == expected && !selfConsistent)
            return new(AuditProblemKind.Edited, entry.Seq, entry.Seq, $"entry {entry.Seq} was edited: its content no longer matches its hash.");
        if (!linked && beforePrevious is not null && entry.PrevHash == beforePrevious)
            return new(AuditProblemKind.Inserted, expected - 1, expected - 1,
                $"entry {expected - 1} was inserted: the entry now numbered {entry.Seq} was chained to entry {expected - 2}.");
        if (!linked && following is not null && following.PrevHash == previousHash && entry.PrevHash == following.Hash)
            return new(AuditProblemKind.Reordered, entry.Seq, following.Seq, $"entries {entry.Seq} and {following.Seq} were swapped: each carries the other's place in the chain.");
        if (!linked && selfConsistent && entry.Seq > expected)
            return new(AuditProblemKind.Removed, expected, entry.Seq - 1, entry.Seq - 1 == expected
                ? $"entry {expected} was removed: entry {entry.Seq} follows entry {expected - 1}."
                : $"entries {expected}–{entry.Seq - 1} were removed: entry {entry.Seq} follows entry {expected - 1}.");
        if (!selfConsistent && OriginalSeq(entry) is { } original && original != entry.Seq)
            return original > entry.Seq
                ? new(AuditProblemKind.Removed, expected, expected, $"an entry before {original} was removed and the later ones renumbered: entry {original} now carries number {entry.Seq}.")
                : new(AuditProblemKind.Inserted, expected, expected, $"an entry was inserted at {expected} and the later ones renumbered: entry {original} now carries number {entry.Seq}.");
        if (!linked && selfConsistent && entry.Seq == expected && expected > 1)
            return new(AuditProblemKind.Edited, expected - 1, expected - 1, $"entry {expected - 1} was edited and re-hashed: entry {entry.Seq} no longer follows it.");
        return new(AuditProblemKind.Broken, entry.Seq, entry.Seq, $"the chain breaks at entry {entry.Seq}: it does not follow entry {expected - 1}.");
    }

    /// <summary>The number an entry was hashed with, when only its number was changed (renumbered to hide a removal or insertion).</summary>
    private static long? OriginalSeq(AuditEntry entry)
    {
        for (var shift = 1; shift <= 3; shift++)
            foreach (var seq in new[] { entry.Seq + shift, entry.Seq - shift })
                if (seq > 0 && AuditLog.HashOf(entry with { Seq = seq }) == entry.Hash)
                    return seq;
        return null;
    }

    private static IEnumerable<AuditEntry> Read(DuckDBConnection connection)
    {
        // The instant as microseconds since the epoch: a plain integer is read much faster than a timestamp is converted.
        using var command = connection.Command("SELECT seq, epoch_us(occurred_at), actor, action, subject, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new AuditEntry(reader.GetInt64(0), new DateTimeOffset(DateTime.UnixEpoch.Ticks + reader.GetInt64(1) * 10, TimeSpan.Zero),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.NullableString(5), reader.NullableString(6), reader.GetString(7), reader.GetString(8));
    }

    private static string At(AuditCheckpoint checkpoint) => $"{checkpoint.At:yyyy-MM-dd HH:mm:ss} UTC";
}
