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
/// is written. A report cut off on the way is never recorded as issued. The two passes are two calls
/// (<see cref="PrepareAsync"/>, <see cref="WriteAsync"/>), so an HTTP caller can refuse a register too large for Excel
/// before its response starts.
/// </summary>
/// <param name="excelRowLimit">The most data rows a register sheet may hold (Excel's limit; smaller in tests).</param>
public sealed class AuditReportIssuer(WarehouseDatabase warehouse, AuditReportQueries queries, AuditCheckpoints checkpoints, IssuedReports log,
    DescribeFilter describe, TimeProvider time, long excelRowLimit = ExportFormats.ExcelDataRows)
{
    /// <summary>When a report of <paramref name="scope"/> asked now is generated: its own instant, unless it is reproduced as of an earlier one.</summary>
    public DateTimeOffset GeneratedAt(AuditReportScope scope) => scope.Reproduced ? time.GetUtcNow() : scope.AsOf;

    public async Task<IssuedReport> IssueAsync(AuditReportKind kind, AuditReportScope scope, string actor, CultureInfo culture, Stream output,
        DateTimeOffset? generatedAt = null, CancellationToken ct = default)
    {
        using var prepared = await PrepareAsync(kind, scope, culture, generatedAt, ct);
        return await WriteAsync(prepared, actor, output, ct);
    }

    /// <summary>
    /// The first pass: the head, then the digest and figures read in a read transaction the report keeps open for
    /// <see cref="WriteAsync"/>. Dispose the result when it is not written.
    /// </summary>
    /// <exception cref="RegisterTooLargeForExcel">A register sheet would hold more rows than an Excel sheet.</exception>
    public Task<PreparedAuditReport> PrepareAsync(AuditReportKind kind, AuditReportScope scope, CultureInfo culture, DateTimeOffset? generatedAt = null,
        CancellationToken ct = default) => Task.Run(() =>
    {
        var head = checkpoints.Head();
        var at = generatedAt ?? GeneratedAt(scope);
        var connection = warehouse.OpenConnection();
        var snapshot = connection.BeginTransaction();
        try
        {
            var summary = AuditReportContent.Read(connection, queries, scope, excerpts: kind == AuditReportKind.Summary, ct);
            if (kind == AuditReportKind.Register && summary.Sheets.MaxBy(s => s.Value.Total) is { Value.Total: var most } largest && most > excelRowLimit)
                throw new RegisterTooLargeForExcel(largest.Key, most, excelRowLimit);
            var words = describe(scope.Filter with { From = null, To = null, AsOf = null }, culture);
            return new PreparedAuditReport(kind, new AuditReportCover(kind, scope, words, at, head, summary), culture, connection, snapshot);
        }
        catch
        {
            snapshot.Dispose();
            connection.Dispose();
            throw;
        }
    }, ct);

    /// <summary>The second pass: writes the prepared report to <paramref name="output"/> and records its issue once the last byte is out.</summary>
    public async Task<IssuedReport> WriteAsync(PreparedAuditReport prepared, string actor, Stream output, CancellationToken ct = default)
    {
        var (kind, cover, culture) = (prepared.Kind, prepared.Cover, prepared.Culture);
        await using var hashing = new HashingStream(output);
        using (prepared)
        {
            if (kind == AuditReportKind.Register)
                await AuditReportWorkbook.WriteAsync(prepared.Connection, queries, cover, hashing, culture, ct);
            else
                AuditReportPdf.Write(cover, hashing, culture);
        }
        await hashing.FlushAsync(ct);
        var scope = cover.Scope;
        var head = cover.Head;
        var issued = new IssuedReport(0, kind.Name(), scope.From, scope.To, scope.FilterQuery, scope.AsOf, scope.Reproduced, cover.GeneratedAt, actor,
            head?.Seq, head?.Hash, head?.MerkleRoot, cover.Summary.ContentSha256, hashing.Sha256(), hashing.Written, FileName(kind, scope, cover.GeneratedAt));
        return await log.RecordAsync(issued, ct);
    }

    public static string FileName(AuditReportKind kind, AuditReportScope scope, DateTimeOffset at) =>
        $"audit-{(kind == AuditReportKind.Register ? "register" : "summary")}-{scope.From:yyyyMMdd}-{scope.To:yyyyMMdd}-{at.UtcDateTime:yyyyMMdd-HHmmss}.{(kind == AuditReportKind.Register ? "xlsx" : "pdf")}";
}
