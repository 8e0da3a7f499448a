using System.Data;
using System.Text.Json;
using Complaints.Warehouse.Audit;

namespace Complaints.Warehouse.AuditReports;

/// <summary>
/// The log of issued audit reports (<c>issued_reports</c>): each issue is recorded with its digests and on the audit
/// trail in the same write, and a file handed back is recognised by the SHA-256 of its bytes.
/// </summary>
public sealed class IssuedReports(WarehouseDatabase warehouse, TimeProvider time)
{
    public const string IssuedAction = "audit.report.issued";

    private const string Columns = """
        report_id, kind, period_from, period_to, filter, as_of, reproduced, issued_at, issued_by, head_seq, head_hash, merkle_root,
        content_sha256, file_sha256, bytes, file_name
        """;

    /// <summary>Records an issue (its id is assigned here) and writes it to the audit trail; returns it with its id.</summary>
    public Task<IssuedReport> RecordAsync(IssuedReport report, CancellationToken cancellationToken = default) =>
        warehouse.RecordAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var id = connection.Scalar<long>("SELECT nextval('issued_report_ids')");
            var issued = report with { Id = id };
            connection.Execute($"INSERT INTO issued_reports ({Columns}) VALUES ($id, $kind, $from, $to, $filter, $as_of, $reproduced, $at, $by, $seq, $hash, $root, $content, $file, $bytes, $name)",
                ("id", id), ("kind", issued.Kind), ("from", issued.From), ("to", issued.To),
                ("filter", issued.Filter), ("as_of", issued.AsOf), ("reproduced", issued.Reproduced), ("at", issued.IssuedAt), ("by", issued.IssuedBy),
                ("seq", issued.HeadSeq), ("hash", issued.HeadHash), ("root", issued.MerkleRoot), ("content", issued.ContentSha256),
                ("file", issued.FileSha256), ("bytes", issued.Bytes), ("name", issued.FileName));
            // Ids and digests only: the filter names products and codes, never people.
            AuditLog.Append(connection, time, issued.IssuedBy, IssuedAction, $"issued_reports/{id}", afterJson: JsonSerializer.Serialize(new
            {
                kind = issued.Kind, from = issued.From.ToString("yyyy-MM-dd"), to = issued.To.ToString("yyyy-MM-dd"), filter = issued.Filter,
                asOf = issued.AsOf, reproduced = issued.Reproduced, headSeq = issued.HeadSeq, contentSha256 = issued.ContentSha256,
                fileSha256 = issued.FileSha256, bytes = issued.Bytes,
            }));
            transaction.Commit();
            return issued;
        }, cancellationToken);

    /// <summary>The newest issues first.</summary>
    public IReadOnlyList<IssuedReport> Latest(int limit = 100)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM issued_reports ORDER BY report_id DESC LIMIT $limit", Map, ("limit", limit));
    }

    /// <summary>The issues of a file with exactly these bytes (one, unless the same bytes were issued twice), oldest first.</summary>
    public IReadOnlyList<IssuedReport> WithFileDigest(string fileSha256)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM issued_reports WHERE file_sha256 = $sha ORDER BY report_id", Map, ("sha", fileSha256.ToLowerInvariant()));
    }

    /// <summary>The issues whose content has this digest (a file re-saved by a spreadsheet keeps its content but not its bytes).</summary>
    public IReadOnlyList<IssuedReport> WithContentDigest(string contentSha256)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM issued_reports WHERE content_sha256 = $sha ORDER BY report_id", Map, ("sha", contentSha256.ToLowerInvariant()));
    }

    private static IssuedReport Map(IDataRecord r) => new(
        r.GetInt64(0), r.GetString(1), Day(r, 2), Day(r, 3), r.GetString(4), r.GetInstant(5),
        r.GetBoolean(6), r.GetInstant(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetInt64(9), r.NullableString(10), r.NullableString(11),
        r.GetString(12), r.GetString(13), r.GetInt64(14), r.GetString(15));

    private static DateOnly Day(IDataRecord r, int i) => r.GetValue(i) switch
    {
        DateOnly day => day,
        DateTime at => DateOnly.FromDateTime(at),
        var other => DateOnly.Parse(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture),
    };
}
