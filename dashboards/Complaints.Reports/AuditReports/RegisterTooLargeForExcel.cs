using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// A register workbook one of whose sheets would hold more rows than an Excel sheet can: it is refused before any byte is
/// written, never cut short. The way out is a shorter period, or the period's complaints as CSV.
/// </summary>
public sealed class RegisterTooLargeForExcel(AuditSheet sheet, long rows, long limit) : Exception(
    $"The register's {sheet} sheet would hold {rows:N0} rows, more than the {limit:N0} an Excel sheet holds below its header: " +
    "choose a shorter period (each half of this one, for instance), or download the period's complaints as CSV from the complaint list.")
{
    public AuditSheet Sheet { get; } = sheet;

    public long Rows { get; } = rows;

    public long Limit { get; } = limit;
}
