using System.Globalization;
using DuckDB.NET.Data;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// An audit report whose first pass is done (the digest, the figures, the cover) and whose rows are still to be written:
/// it holds the read transaction both passes share, so the file shows the snapshot its cover describes. Disposing it
/// ends the transaction; a report prepared and never written leaves nothing behind.
/// </summary>
public sealed class PreparedAuditReport(AuditReportKind kind, AuditReportCover cover, CultureInfo culture, AuditReportRows rows, DuckDBTransaction snapshot) : IDisposable
{
    public AuditReportKind Kind { get; } = kind;

    public AuditReportCover Cover { get; } = cover;

    public CultureInfo Culture { get; } = culture;

    /// <summary>The sheets' rows as the first pass read them, for the second.</summary>
    internal AuditReportRows Rows { get; } = rows;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        snapshot.Rollback();
        snapshot.Dispose();
        Rows.Connection.Dispose();
    }
}
