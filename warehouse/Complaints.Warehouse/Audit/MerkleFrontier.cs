using System.Security.Cryptography;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// The root of an RFC 6962 Merkle tree over the audit entries, grown one leaf at a time: only the roots of the
/// perfect subtrees along the right edge (at most one per bit of the size) are kept, so a million entries need
/// twenty hashes of memory. Leaves are hashed with a 0x00 prefix and nodes with 0x01, as RFC 6962 §2.1 says,
/// so the root can be checked by any RFC 6962 implementation and gives inclusion proofs later.
/// </summary>
public sealed class MerkleFrontier
{
    // Roots of the perfect subtrees, largest (leftmost) first, with the number of leaves each covers.
    private readonly List<(long Leaves, byte[] Hash)> _subtrees = [];

    public long Size { get; private set; }

    public void Append(ReadOnlySpan<byte> leafData)
    {
        var hash = LeafHash(leafData);
        long leaves = 1;
        while (_subtrees.Count > 0 && _subtrees[^1].Leaves == leaves)
        {
            hash = NodeHash(_subtrees[^1].Hash, hash);
            leaves *= 2;
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }
        _subtrees.Add((leaves, hash));
        Size++;
    }

    /// <summary>The tree head of the leaves appended so far (the empty tree's root is the hash of nothing).</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0) return SHA256.HashData([]);
        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
            root = NodeHash(_subtrees[i].Hash, root);
        return root;
    }

    public string RootHex() => Convert.ToHexStringLower(Root());

    private static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = data.Length < 512 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    private static byte[] NodeHash(byte[] left, byte[] right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }
}
