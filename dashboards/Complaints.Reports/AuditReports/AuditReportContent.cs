using Complaints.Warehouse.AuditReports;
using DuckDB.NET.Data;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// The first of an audit report's two passes over its rows (inside one read transaction, so both see the same
/// snapshot): the digest of the content and the figures must be on the cover, which comes first in the file. Rows are
/// streamed; only the excerpts for the PDF are kept, at most <see cref="ExcerptRows"/> per list.
/// </summary>
public static class AuditReportContent
{
    public const int ExcerptRows = 1000;

    public static AuditReportSummary Read(DuckDBConnection connection, AuditReportQueries queries, AuditReportScope scope, CancellationToken ct)
    {
        using var digest = new ContentDigest();
        var sheets = new Dictionary<AuditSheet, SheetExcerpt>();
        long met = 0, late = 0, unanswered = 0, pending = 0, unknown = 0, firstResponse = 0, resolution = 0;
        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            using var command = queries.Command(connection, sheet, scope);
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            digest.BeginSheet(sheet.ToString(), columns);
            var outcome = sheet == AuditSheet.Statutory ? columns.IndexOf("outcome") : -1;
            var target = sheet == AuditSheet.SlaBreaches ? columns.IndexOf("target") : -1;
            var excerpt = new List<object?[]>();
            long total = 0;
            var values = new object?[columns.Count];
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                for (var c = 0; c < values.Length; c++)
                {
                    var value = reader.IsDBNull(c) ? null : reader.GetValue(c);
                    values[c] = value;
                    digest.Cell(value);
                }
                digest.EndRow();
                total++;
                var listed = true;
                if (outcome >= 0)
                {
                    switch ((string?)values[outcome])
                    {
                        case "met": met++; listed = false; break;
                        case "answered_late": late++; break;
                        case "unanswered": unanswered++; break;
                        case "pending": pending++; listed = false; break;
                        default: unknown++; listed = false; break;
                    }
                }
                if (target >= 0)
                {
                    if ((string?)values[target] == "first_response") firstResponse++;
                    else resolution++;
                }
                // The PDF lists the missed statutory deadlines only; the other lists whole (up to the excerpt's size).
                if (listed && sheet != AuditSheet.AccessLog && sheet != AuditSheet.Lineage && excerpt.Count < ExcerptRows)
                    excerpt.Add((object?[])values.Clone());
            }
            sheets[sheet] = new SheetExcerpt(columns, excerpt, total);
        }
        var figures = new AuditReportFigures(sheets[AuditSheet.Register].Total, met, late, unanswered, pending, unknown, firstResponse, resolution,
            sheets[AuditSheet.AccessLog].Total, sheets[AuditSheet.RollBacks].Total);
        return new AuditReportSummary(digest.Finish(), figures, sheets);
    }
}
