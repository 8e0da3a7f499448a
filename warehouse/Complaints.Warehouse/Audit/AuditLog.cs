using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace Complaints.Warehouse.Audit;

public sealed record AuditEntry(long Seq, DateTimeOffset OccurredAt, string Actor, string Action, string Subject, string? BeforeJson, string? AfterJson, string PrevHash, string Hash);

/// <summary>
/// The append-only audit trail. Entries are only inserted, inside the caller's transaction, and chained by hash
/// so that <see cref="Verify"/> finds any entry edited or removed afterwards; the chain's head is anchored outside the
/// warehouse by signed checkpoints (<see cref="AuditCheckpoints"/>), so that a chain rewritten whole shows too.
/// Entries name ids, never personal data, so that erasing a person never breaks the chain.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static AuditEntry Append(DuckDBConnection connection, TimeProvider time, string actor, string action, string subject, string? beforeJson = null, string? afterJson = null)
    {
        var last = connection.QueryList("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", r => (Seq: r.GetInt64(0), Hash: r.GetString(1))).SingleOrDefault();
        var seq = last.Hash is null ? 1 : last.Seq + 1;
        var prevHash = last.Hash ?? Genesis;
        // Microsecond precision, as DuckDB stores it, so the hash can be recomputed from the stored row.
        var now = time.GetUtcNow();
        var occurredAt = new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
        var entry = new AuditEntry(seq, occurredAt, actor, action, subject, beforeJson, afterJson, prevHash, "");
        entry = entry with { Hash = HashOf(entry) };
        connection.Execute("INSERT INTO audit_log VALUES ($seq, $at, $actor, $action, $subject, $before, $after, $prev, $hash)",
            ("seq", entry.Seq), ("at", entry.OccurredAt), ("actor", actor), ("action", action), ("subject", subject),
            ("before", beforeJson), ("after", afterJson), ("prev", prevHash), ("hash", entry.Hash));
        return entry;
    }

    public static IReadOnlyList<AuditEntry> Read(DuckDBConnection connection, long afterSeq = 0) => connection.QueryList(
        "SELECT seq, occurred_at, actor, action, subject, before_json, after_json, prev_hash, hash FROM audit_log WHERE seq > $after ORDER BY seq",
        Map, ("after", afterSeq));

    public static AuditEntry Map(System.Data.IDataRecord r) => new(r.GetInt64(0), r.GetInstant(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.NullableString(5), r.NullableString(6), r.GetString(7), r.GetString(8));

    /// <summary>
    /// The first entry that breaks the chain (edited, removed, inserted, reordered), or null when the chain holds.
    /// The chain alone cannot show a tail cut off or a chain re-hashed whole: <see cref="AuditVerifier"/> checks those against the checkpoints.
    /// </summary>
    public static long? Verify(DuckDBConnection connection) =>
        AuditVerifier.Verify(connection, [], null, TimeProvider.System).Problem?.Seq;

    /// <summary>
    /// SHA-256 over the entry's fields joined by U+001F (sequence and UTC ticks in digits, an absent value as U+0000), hex.
    /// The bytes are written straight into one pooled buffer: verifying a million entries builds no string per entry.
    /// </summary>
    public static string HashOf(AuditEntry e)
    {
        Span<byte> digest = stackalloc byte[32];
        HashOf(e, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether the entry's recomputed hash is <paramref name="hash"/> (lower-case hex), without a string for the recomputed one.</summary>
    public static bool HasHash(AuditEntry e, string hash)
    {
        Span<byte> digest = stackalloc byte[32];
        HashOf(e, digest);
        Span<byte> stored = stackalloc byte[32];
        return hash.Length == 64 && Convert.FromHexString(hash, stored, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
            && digest.SequenceEqual(stored);
    }

    private static void HashOf(AuditEntry e, Span<byte> digest)
    {
        string?[] texts = [e.Actor, e.Action, e.Subject, e.BeforeJson, e.AfterJson, e.PrevHash];
        var size = 2 * 20 + 8;
        foreach (var text in texts)
            size += text is null ? 1 : Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan();
            e.Seq.TryFormat(buffer, out var at, provider: System.Globalization.CultureInfo.InvariantCulture);
            buffer[at++] = 0x1f;
            e.OccurredAt.UtcTicks.TryFormat(buffer[at..], out var ticks, provider: System.Globalization.CultureInfo.InvariantCulture);
            at += ticks;
            for (var i = 0; i < texts.Length; i++)
            {
                buffer[at++] = 0x1f;
                // Before and after are written as NUL when absent; the other fields are never null.
                if (texts[i] is { } text)
                    at += Encoding.UTF8.GetBytes(text, buffer[at..]);
                else
                    buffer[at++] = 0;
            }
            SHA256.HashData(buffer[..at], digest);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
