using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.AuditReports;

/// <summary>
/// The rows of an audit report's sheets, as commands to stream (one reader per sheet, nothing held in memory). A report
/// of now reads the current tables; a reproduced one the complaints, products and SLA measures as of its instant
/// (<c>complaints_as_of</c>, <c>products_as_of</c>, <c>complaint_sla_as_of</c>), and filters on the customers, products and
/// measures as of then too (<see cref="ComplaintFilter.PredicateAsOf"/>), so it shows what the warehouse held then.
/// </summary>
public sealed class AuditReportQueries(IOptions<ReportingOptions> reporting)
{
    /// <summary>
    /// The reporting zone. The sheets return instants as TIMESTAMPTZ, not converted: whoever shows them converts them to
    /// this zone, and the content digest hashes the instants themselves.
    /// </summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone);

    public DuckDBCommand Command(DuckDBConnection connection, AuditSheet sheet, AuditReportScope scope)
    {
        var sql = Sql.Load(typeof(AuditReportQueries).Assembly, $"AuditReports.{sheet}.sql")
            .Replace("/*complaints*/", scope.Reproduced ? "complaints_as_of(CAST($as_of AS TIMESTAMPTZ))" : "complaints", StringComparison.Ordinal)
            .Replace("/*products*/", scope.Reproduced ? "products_as_of(CAST($as_of AS TIMESTAMPTZ))" : "products", StringComparison.Ordinal)
            .Replace("/*sla*/", scope.Reproduced ? "complaint_sla_as_of(CAST($as_of AS TIMESTAMPTZ))" : "complaint_sla", StringComparison.Ordinal)
            .Replace("/*filter*/", scope.Reproduced ? scope.Filter.PredicateAsOf : scope.Filter.Predicate, StringComparison.Ordinal);
        return connection.Command(sql, scope.Filter.Parameters(reporting.Value));
    }
}
