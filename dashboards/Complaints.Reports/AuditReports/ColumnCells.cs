using System.Globalization;
using DuckDB.NET.Data;
using SpreadCheetah;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// How each column of a sheet's reader becomes a cell, chosen once from the column's type so the rows are read with
/// typed getters and no per-cell type test: dates as dates, counts as numbers, flags as booleans, and text that looks
/// like a formula neutralised, instants (TIMESTAMPTZ) in the reporting zone. A null is an empty cell whatever the column.
/// </summary>
public static class ColumnCells
{
    public static Func<DuckDBDataReader, int, Cell>[] For(DuckDBDataReader reader, CellStyles styles, TimeZoneInfo zone)
    {
        var cells = new Func<DuckDBDataReader, int, Cell>[reader.FieldCount];
        var times = new LocalTimes(zone); // the cells are read on one thread
        for (var c = 0; c < cells.Length; c++)
            cells[c] = IsInstant(reader, c) ? (r, i) => new Cell(times.Local(r.GetDateTime(i)), styles.DateTime) : Of(reader.GetFieldType(c), styles);
        return cells;
    }

    /// <summary>Whether a column holds instants (TIMESTAMPTZ), which DuckDB.NET reads as UTC date-times.</summary>
    public static bool IsInstant(DuckDBDataReader reader, int column) =>
        string.Equals(reader.GetDataTypeName(column), "TimestampTz", StringComparison.OrdinalIgnoreCase);

    private static Func<DuckDBDataReader, int, Cell> Of(Type type, CellStyles styles) =>
        type == typeof(string) ? (r, c) => new Cell(SafeText.Neutralise(r.GetString(c)))
        : type == typeof(DateTime) ? (r, c) => new Cell(r.GetDateTime(c), styles.DateTime)
        : type == typeof(DateOnly) ? (r, c) => new Cell(r.GetFieldValue<DateOnly>(c).ToDateTime(TimeOnly.MinValue), styles.Date)
        : type == typeof(long) ? (r, c) => new Cell(r.GetInt64(c), styles.Count)
        : type == typeof(int) ? (r, c) => new Cell(r.GetInt32(c), styles.Count)
        : type == typeof(double) ? (r, c) => new Cell(r.GetDouble(c), styles.Decimal)
        : type == typeof(bool) ? (r, c) => new Cell(r.GetBoolean(c))
        : (r, c) => new Cell(SafeText.Neutralise(Convert.ToString(r.GetValue(c), CultureInfo.InvariantCulture) ?? ""));
}
