using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.AuditReports;

/// <summary>The first rows of a sheet (for the PDF's lists), its column names and how many rows it has in all.</summary>
public sealed record SheetExcerpt(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, long Total);

/// <summary>
/// What the first pass over an audit report's rows found: the content digest, the figures, each sheet's row count, and
/// excerpts of the lists a reader of the PDF needs (the register, missed statutory deadlines, SLA breaches, roll-backs).
/// </summary>
public sealed record AuditReportSummary(string ContentSha256, AuditReportFigures Figures, IReadOnlyDictionary<AuditSheet, SheetExcerpt> Sheets);
