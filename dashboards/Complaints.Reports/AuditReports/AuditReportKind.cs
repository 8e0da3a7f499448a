namespace Complaints.Reports.AuditReports;

/// <summary>The two forms of an audit report: the workbook with every row, and the PDF summary with the lists an auditor reads.</summary>
public enum AuditReportKind { Register, Summary }

public static class AuditReportKinds
{
    public static string Name(this AuditReportKind kind) => kind == AuditReportKind.Register ? "register.xlsx" : "summary.pdf";

    public static string ContentType(this AuditReportKind kind) =>
        kind == AuditReportKind.Register ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf";

    public static AuditReportKind? Parse(string name) => name switch
    {
        "register.xlsx" => AuditReportKind.Register,
        "summary.pdf" => AuditReportKind.Summary,
        _ => null,
    };
}
