using ClosedXML.Excel;

namespace Complaints.Reports.Workbooks;

/// <summary>One column of a sheet's table: its header, its value for a row, and the row's number format (null: general).</summary>
public sealed record TableColumn<T>(string Header, Func<T, object?> Value, Func<T, string?>? Format = null)
{
    public TableColumn(string header, Func<T, object?> value, string format) : this(header, value, _ => format) { }
}

/// <summary>
/// Writes rows as an Excel table (header, autofilter, banded rows) with real cell types: numbers as numbers, dates as
/// dates. The caller freezes the header and fits the widths once the sheet is complete.
/// </summary>
public static class SheetTable
{
    /// <summary>Writes the table with its header at <paramref name="firstRow"/>; returns the first free row after it (one blank row between tables).</summary>
    public static int Write<T>(IXLWorksheet sheet, int firstRow, string name, IReadOnlyList<TableColumn<T>> columns, IReadOnlyList<T> rows, string emptyText)
    {
        for (var c = 0; c < columns.Count; c++)
            sheet.Cell(firstRow, c + 1).Value = columns[c].Header;
        if (rows.Count == 0)
        {
            // An Excel table needs a data row; an empty one says so rather than looking like a missing figure.
            sheet.Cell(firstRow + 1, 1).Value = emptyText;
        }
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
                Set(sheet.Cell(firstRow + 1 + r, c + 1), columns[c].Value(rows[r]), columns[c].Format?.Invoke(rows[r]));
        var last = firstRow + Math.Max(rows.Count, 1);
        var table = sheet.Range(firstRow, 1, last, columns.Count).CreateTable(name);
        table.ShowAutoFilter = true;
        table.Theme = XLTableTheme.TableStyleMedium2;
        return last + 2;
    }

    /// <summary>A value as its real type; DateOnly and instants become Excel dates, texts are neutralised against formulas.</summary>
    public static void Set(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                cell.SetValue(SafeText.Neutralise(text));
                cell.DataType = XLDataType.Text;
                break;
            case DateOnly day:
                cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
                break;
            case DateTimeOffset instant:
                throw new ArgumentException("Give instants as local date-times of the reporting zone.", nameof(value));
            case long or int or double or decimal or DateTime or bool:
                cell.SetValue(value);
                break;
            default:
                throw new ArgumentException($"No cell type for {value.GetType().Name}.", nameof(value));
        }
        // Empty cells get the column's format too, so a value typed in later reads like its neighbours.
        if (format is not null)
        {
            if (value is DateOnly or DateTime)
                cell.Style.DateFormat.Format = format;
            else
                cell.Style.NumberFormat.Format = format;
        }
    }
}
