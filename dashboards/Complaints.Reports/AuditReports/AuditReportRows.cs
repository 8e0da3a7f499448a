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

    /// <summary>The reporting zone, in which the cells and the PDF show the sheets' instants.</summary>
    public TimeZoneInfo Zone => queries.Zone;

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

    /// <summary>How many rows a sheet holds, counted without ordering, converting or hashing them.</summary>
    public long Count(AuditSheet sheet)
    {
        using var command = Command(sheet);
        command.CommandText = $"SELECT count(*) FROM (\n{Unordered(command.CommandText)}\n) t";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs each sheet's query once into a temporary table that both passes then scan, and tells <paramref name="filled"/>
    /// each sheet's row count as soon as it is filled (a count of the table, which costs nothing beside the fill), so a
    /// caller can stop at a sheet over a limit (by throwing) before anything is hashed. The sheets that
    /// <see cref="CountsCheaply"/> leaves out are filled first.
    /// </summary>
    public void Fill(Action<AuditSheet, long> filled, CancellationToken ct)
    {
        foreach (var sheet in Enum.GetValues<AuditSheet>().OrderBy(CountsCheaply))
        {
            ct.ThrowIfCancellationRequested();
            using var command = Command(sheet);
            command.CommandText = $"CREATE OR REPLACE TEMP TABLE {Table(sheet)} AS\n{command.CommandText}\n";
            command.ExecuteNonQuery();
            _filled.Add(sheet);
            command.CommandText = $"SELECT count(*) FROM {Table(sheet)}";
            command.Parameters.Clear();
            filled(sheet, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Whether counting a sheet before it is filled costs little beside the fill. Not so for the SLA breaches: counting
    /// them judges every complaint's targets, as much as filling them (0.5 s of 0.6 s at 1,000,000 complaints), so their
    /// count is taken from the filled table instead.
    /// </summary>
    public static bool CountsCheaply(AuditSheet sheet) => sheet != AuditSheet.SlaBreaches;

    /// <summary>
    /// A sheet's rows without the ORDER BY its SQL ends with (on its last line, as every sheet's does): DuckDB would
    /// otherwise sort all the rows only to count them. SQL that does not end so is counted as it is.
    /// </summary>
    private static string Unordered(string rows)
    {
        var sql = rows.TrimEnd();
        var order = sql.LastIndexOf("\nORDER BY ", StringComparison.Ordinal);
        return order >= 0 && sql.IndexOf('\n', order + 1) < 0 ? sql[..order] : rows;
    }

    private static string Table(AuditSheet sheet) => "audit_report_" + sheet.ToString().ToLowerInvariant();
}
