using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// The audit chain's head at one moment: the last entry's sequence number and hash, and the RFC 6962 Merkle root over
/// the hashes of entries 1..<see cref="Seq"/>, signed with HMAC-SHA256 under a key the warehouse does not hold.
/// Whoever can write the warehouse can recompute the chain, but cannot sign a checkpoint that agrees with it.
/// </summary>
/// <param name="Reason">Why it was written: <c>write</c> (after a write batch), <c>schedule</c> or <c>start</c>.</param>
/// <param name="Signature">Hex HMAC-SHA256 of <see cref="SignedText"/>; null when written without a key (unsigned).</param>
public sealed record AuditCheckpoint(long Seq, string Hash, string MerkleRoot, DateTimeOffset At, string Reason, string? Signature)
{
    /// <summary>The bytes the signature covers: a version tag and every field but the signature, one per line.</summary>
    public string SignedText => string.Join('\n', "complaints-audit-checkpoint/1", Seq.ToString(CultureInfo.InvariantCulture), Hash, MerkleRoot,
        At.UtcTicks.ToString(CultureInfo.InvariantCulture), Reason);

    public static AuditCheckpoint Create(long seq, string hash, string merkleRoot, DateTimeOffset at, string reason, byte[]? key)
    {
        var checkpoint = new AuditCheckpoint(seq, hash, merkleRoot, at, reason, null);
        return key is null ? checkpoint : checkpoint with { Signature = checkpoint.Sign(key) };
    }

    public string Sign(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SignedText)));

    /// <summary>Whether the signature was made with <paramref name="key"/> over exactly these fields (compared in constant time).</summary>
    public bool IsSignedWith(byte[] key) => Signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature), Encoding.ASCII.GetBytes(Sign(key)));
}
