namespace Complaints.Warehouse.AuditReports;

/// <summary>One audit report handed out, as the log keeps it.</summary>
public sealed record IssuedReport(
    long Id, string Kind, DateOnly From, DateOnly To, string Filter, DateTimeOffset AsOf, bool Reproduced, DateTimeOffset IssuedAt, string IssuedBy,
    long? HeadSeq, string? HeadHash, string? MerkleRoot, string ContentSha256, string FileSha256, long Bytes, string FileName);
