using System.Globalization;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// Issues an audit report: takes the audit chain's head, reads the rows twice inside one read transaction (the first
/// pass gives the content digest and figures for the cover, the second writes them), streams the file through a
/// SHA-256 of its bytes, and records the issue (<see cref="IssuedReports"/>, on the audit trail too) once the last byte
/// is written. A report cut off on the way is never recorded as issued.
/// </summary>
public sealed class AuditReportIssuer(WarehouseDatabase warehouse, AuditReportQueries queries, AuditCheckpoints checkpoints, IssuedReports log,
    DescribeFilter describe, TimeProvider time)
{
    /// <summary>When a report of <paramref name="scope"/> asked now is generated: its own instant, unless it is reproduced as of an earlier one.</summary>
    public DateTimeOffset GeneratedAt(AuditReportScope scope) => scope.Reproduced ? time.GetUtcNow() : scope.AsOf;

    /// <param name="generatedAt">From <see cref="GeneratedAt"/>, when the caller names the file before it is written.</param>
    public async Task<IssuedReport> IssueAsync(AuditReportKind kind, AuditReportScope scope, string actor, CultureInfo culture, Stream output,
        DateTimeOffset? generatedAt = null, CancellationToken ct = default)
    {
        var head = checkpoints.Head();
        var at = generatedAt ?? GeneratedAt(scope);
        string content;
        await using var hashing = new HashingStream(output);
        using (var connection = warehouse.OpenConnection())
        using (var snapshot = connection.BeginTransaction())
        {
            var summary = AuditReportContent.Read(connection, queries, scope, excerpts: kind == AuditReportKind.Summary, ct);
            if (kind == AuditReportKind.Register && summary.Sheets.Values.Max(s => s.Total) is var most and > ExportFormats.ExcelDataRows)
                throw new TooManyRowsForExcel(most);
            var words = describe(scope.Filter with { From = null, To = null, AsOf = null }, culture);
            var cover = new AuditReportCover(kind, scope, words, at, head, summary);
            if (kind == AuditReportKind.Register)
                await AuditReportWorkbook.WriteAsync(connection, queries, cover, hashing, culture, ct);
            else
                AuditReportPdf.Write(cover, hashing, culture);
            content = summary.ContentSha256;
            snapshot.Rollback();
        }
        await hashing.FlushAsync(ct);
        var issued = new IssuedReport(0, kind.Name(), scope.From, scope.To, scope.FilterQuery, scope.AsOf, scope.Reproduced, at, actor,
            head?.Seq, head?.Hash, head?.MerkleRoot, content, hashing.Sha256(), hashing.Written, FileName(kind, scope, at));
        return await log.RecordAsync(issued, ct);
    }

    public static string FileName(AuditReportKind kind, AuditReportScope scope, DateTimeOffset at) =>
        $"audit-{(kind == AuditReportKind.Register ? "register" : "summary")}-{scope.From:yyyyMMdd}-{scope.To:yyyyMMdd}-{at.UtcDateTime:yyyyMMdd-HHmmss}.{(kind == AuditReportKind.Register ? "xlsx" : "pdf")}";
}
