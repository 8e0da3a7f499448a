using System.Security.Cryptography;
using System.Text;
using Complaints.Warehouse.Audit;

namespace Complaints.Warehouse.Tests.Audit;

/// <summary>
/// The entry hash is a stored format: every checkpoint and chain ever written depends on it. It is computed without a
/// string per entry; these pin it to its definition, the fields joined by U+001F as text.
/// </summary>
public sealed class EntryHashTests
{
    private static string Defined(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        e.Seq, e.OccurredAt.UtcTicks, e.Actor, e.Action, e.Subject, e.BeforeJson ?? "\0", e.AfterJson ?? "\0", e.PrevHash))));

    public static TheoryData<AuditEntry> Entries => new()
    {
        new AuditEntry(1, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1230), "system", "ingest.run.loaded", "ingest_runs/1", null, "{\"rows\":8}", AuditLog.Genesis, ""),
        new AuditEntry(9_876_543_210, new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero), "Zażółć gęślą jaźń (token 7)", "settings.changed", "Reporting:TimeZone",
            "{\"v\":\"Europe/Warsaw\"}", null, new string('a', 64), ""),
        new AuditEntry(3, DateTimeOffset.UnixEpoch, "", "", "", "", "", new string('0', 64), ""),
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void The_hash_is_the_SHA_256_of_the_fields_joined_as_text(AuditEntry entry)
    {
        var hash = AuditLog.HashOf(entry);

        Assert.Equal(Defined(entry), hash);
        Assert.True(AuditLog.HasHash(entry, hash));
        Assert.False(AuditLog.HasHash(entry with { Actor = entry.Actor + "x" }, hash));
        Assert.False(AuditLog.HasHash(entry, hash[..^1]));
    }
}
