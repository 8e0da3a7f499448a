using System.Globalization;
using Complaints.Warehouse.AuditReports;
using DuckDB.NET.Data;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// Where a report's passes read each sheet's rows, inside the report's read transaction: the sheet's query, or — for a
/// workbook, whose rows are read twice (the digest, then the file) — a temporary table the query filled once, so the
/// joins, the time-zone conversions and the sort run once. The cheap count comes first, so a register too large for
/// Excel is refused before anything is filled; what is filled is then bounded by Excel's row limit per sheet. The
/// temporary tables belong to the transaction's connection and end with it.
/// </summary>
public sealed class AuditReportRows(DuckDBConnection connection, AuditReportQueries queries, AuditReportScope scope)
{
    private readonly HashSet<AuditSheet> _filled = [];

    public DuckDBConnection Connection => connection;

    /// <summary>A command whose text is the sheet's rows in order (its parameters bound), to run or to wrap as <c>( … ) t</c>.</summary>
    public DuckDBCommand Command(AuditSheet sheet)
    {
        if (!_filled.Contains(sheet))
            return queries.Command(connection, sheet, scope);
        var command = connection.CreateCommand();
        // A scan of a table filled by an ordered query returns the rows in that order (DuckDB keeps insertion order).
        command.CommandText = $"SELECT * FROM {Table(sheet)}";
        return command;
    }

    /// <summary>How many rows each sheet holds, counted without ordering, converting or hashing them.</summary>
    public IReadOnlyDictionary<AuditSheet, long> Count(CancellationToken ct)
    {
        var counts = new Dictionary<AuditSheet, long>();
        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            ct.ThrowIfCancellationRequested();
            using var command = Command(sheet);
            command.CommandText = $"SELECT count(*) FROM (\n{command.CommandText}\n) t";
            counts[sheet] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>Runs each sheet's query once into a temporary table that both passes then scan.</summary>
    public void Fill(CancellationToken ct)
    {
        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            ct.ThrowIfCancellationRequested();
            using var command = Command(sheet);
            command.CommandText = $"CREATE OR REPLACE TEMP TABLE {Table(sheet)} AS\n{command.CommandText}\n";
            command.ExecuteNonQuery();
            _filled.Add(sheet);
        }
    }

    private static string Table(AuditSheet sheet) => "audit_report_" + sheet.ToString().ToLowerInvariant();
}
