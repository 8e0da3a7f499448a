using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Complaints.Warehouse.AuditReports;
using DuckDB.NET.Data;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// The first of an audit report's two passes over its rows (inside one read transaction, so both see the same
/// snapshot): the digest of the content and the figures must be on the cover, which comes first in the file.
/// The content digest is the SHA-256 of a text with one line per data sheet, in order: the sheet's name, its row count
/// and the SHA-256 (hex) of the sheet's canonical text (<see cref="CanonicalRows"/>: its header line, then each row's
/// values, unambiguous, one row per line). DuckDB builds each row's text in its own threads; this side hashes the bytes
/// as they stream, so memory stays bounded by one row. The cover is not part of it, so the same content reproduced
/// later has the same digest.
/// </summary>
public static class AuditReportContent
{
    public const int ExcerptRows = 1000;

    private static readonly byte[] LineFeed = "\n"u8.ToArray();

    /// <param name="excerpts">Whether to keep the first rows of each list the PDF shows (the workbook needs none).</param>
    public static AuditReportSummary Read(AuditReportRows source, bool excerpts, CancellationToken ct)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sheetDigest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sheets = new Dictionary<AuditSheet, SheetExcerpt>();
        long met = 0, late = 0, unanswered = 0, pending = 0, unknown = 0, firstResponse = 0, resolution = 0;
        var buffer = new byte[65536];
        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            using var command = source.Command(sheet);
            var rows = command.CommandText;
            var canonical = CanonicalRows.Of(command, rows);
            sheetDigest.AppendData(Encoding.UTF8.GetBytes(canonical.Header));
            var label = sheet switch { AuditSheet.Statutory => "t.outcome", AuditSheet.SlaBreaches => "t.target", _ => "NULL" };
            // A projection over the ordered rows keeps their order; the newline ends a comment on the sheet's last line.
            command.CommandText = $"SELECT {canonical.Projection}, {label} FROM (\n{rows}\n) t";
            long total = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if ((total & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                    using (var text = reader.GetStream(0))
                        for (int read; (read = text.Read(buffer)) > 0;)
                            sheetDigest.AppendData(buffer, 0, read);
                    sheetDigest.AppendData(LineFeed);
                    total++;
                    if (sheet == AuditSheet.Statutory)
                    {
                        switch (reader.GetString(1))
                        {
                            case "met": met++; break;
                            case "answered_late": late++; break;
                            case "unanswered": unanswered++; break;
                            case "pending": pending++; break;
                            default: unknown++; break;
                        }
                    }
                    else if (sheet == AuditSheet.SlaBreaches)
                    {
                        if (reader.GetString(1) == "first_response") firstResponse++;
                        else resolution++;
                    }
                }
            }
            digest.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sheet} {total} {Convert.ToHexStringLower(sheetDigest.GetHashAndReset())}\n")));
            sheets[sheet] = excerpts ? Excerpt(source, sheet, total) : new SheetExcerpt([], [], total);
        }
        var figures = new AuditReportFigures(sheets[AuditSheet.Register].Total, met, late, unanswered, pending, unknown, firstResponse, resolution,
            sheets[AuditSheet.AccessLog].Total, sheets[AuditSheet.RollBacks].Total);
        return new AuditReportSummary(Convert.ToHexStringLower(digest.GetHashAndReset()), figures, sheets);
    }

    /// <summary>The first rows of a list the PDF shows: for the statutory deadlines, the missed ones only.</summary>
    private static SheetExcerpt Excerpt(AuditReportRows source, AuditSheet sheet, long total)
    {
        if (sheet is AuditSheet.AccessLog or AuditSheet.Lineage or AuditSheet.Runs)
            return new SheetExcerpt([], [], total);
        using var command = source.Command(sheet);
        var rows = command.CommandText;
        var where = sheet == AuditSheet.Statutory ? "WHERE t.outcome IN ('answered_late', 'unanswered')" : "";
        command.CommandText = $"SELECT * FROM (\n{rows}\n) t {where} LIMIT {ExcerptRows}";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        // Instants as the workbook shows them: the reporting zone's wall-clock time.
        var local = new LocalTimes(source.Zone);
        var times = Enumerable.Range(0, reader.FieldCount).Select(c => ColumnCells.IsInstant(reader, c) ? local : null).ToArray();
        var excerpt = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[columns.Count];
            for (var c = 0; c < values.Length; c++)
                values[c] = reader.IsDBNull(c) ? null : times[c] is { } zone ? zone.Local(reader.GetDateTime(c)) : reader.GetValue(c);
            excerpt.Add(values);
        }
        return new SheetExcerpt(columns, excerpt, total);
    }
}
