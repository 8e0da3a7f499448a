using SpreadCheetah.Styling;

namespace Complaints.Reports.AuditReports;

/// <summary>The number formats an audit workbook's data cells carry: local date-times, days, counts and hours.</summary>
public sealed record CellStyles(StyleId DateTime, StyleId Date, StyleId Count, StyleId Decimal);
