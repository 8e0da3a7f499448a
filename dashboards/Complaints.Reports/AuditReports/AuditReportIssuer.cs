using System.Diagnostics;
using System.Globalization;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.AuditReports;
using Microsoft.Extensions.Logging;

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
    DescribeFilter describe, TimeProvider time, ILogger<AuditReportIssuer> logger, long excelRowLimit = ExportFormats.ExcelDataRows)
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
    /// The first pass: the head, then (in a read transaction the report keeps open for <see cref="WriteAsync"/>) for a
    /// register each sheet's rows counted where that is cheap — a sheet too large for Excel is refused here, before any row
    /// is read — and filled once into the tables both passes scan (the rest counted from there, refused before any row is
    /// hashed), then the digest and figures. Dispose the result when it is not written.
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
            var watch = Stopwatch.StartNew();
            var rows = new AuditReportRows(connection, queries, scope);
            if (kind == AuditReportKind.Register)
            {
                // The register sheet comes first and is the one that grows with the period: a refusal usually costs one count.
                foreach (var sheet in Enum.GetValues<AuditSheet>().Where(AuditReportRows.CountsCheaply))
                {
                    ct.ThrowIfCancellationRequested();
                    Refuse(scope, sheet, rows.Count(sheet), "counting", watch);
                }
                // The rest are counted from their filled tables, still before any row is hashed.
                rows.Fill((sheet, count) => Refuse(scope, sheet, count, "filling", watch), ct);
            }
            var filled = watch.Elapsed.TotalSeconds;
            var summary = AuditReportContent.Read(rows, excerpts: kind == AuditReportKind.Summary, ct);
            logger.LogInformation("Audit report content of {From}–{To} read: {Rows} rows hashed in {Seconds:N2} s (after {Filled:N2} s counting and filling)",
                scope.From, scope.To, summary.Sheets.Values.Sum(s => s.Total), watch.Elapsed.TotalSeconds - filled, filled);
            var words = describe(scope.Filter with { From = null, To = null, AsOf = null }, culture);
            return new PreparedAuditReport(kind, new AuditReportCover(kind, scope, words, at, head, summary), culture, rows, snapshot);
        }
        catch
        {
            snapshot.Dispose();
            connection.Dispose();
            throw;
        }
    }, ct);

    private void Refuse(AuditReportScope scope, AuditSheet sheet, long count, string after, Stopwatch watch)
    {
        if (count <= excelRowLimit) return;
        logger.LogInformation("Register of {From}–{To} refused after {Step} its rows in {Seconds:N2} s: its {Sheet} sheet would hold {Rows} rows, Excel {Limit}",
            scope.From, scope.To, after, watch.Elapsed.TotalSeconds, sheet, count, excelRowLimit);
        throw new RegisterTooLargeForExcel(sheet, count, excelRowLimit);
    }

    /// <summary>The second pass: writes the prepared report to <paramref name="output"/> and records its issue once the last byte is out.</summary>
    public async Task<IssuedReport> WriteAsync(PreparedAuditReport prepared, string actor, Stream output, CancellationToken ct = default)
    {
        var (kind, cover, culture) = (prepared.Kind, prepared.Cover, prepared.Culture);
        await using var hashing = new HashingStream(output);
        using (prepared)
        {
            if (kind == AuditReportKind.Register)
                await AuditReportWorkbook.WriteAsync(prepared.Rows, cover, hashing, culture, ct);
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
