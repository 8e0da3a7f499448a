using System.Text;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>
/// One cell of a chart's table: the value behind it (what the CSV download holds), the text the page shows for it
/// in the reader's culture, and where it links to (the complaints behind a count).
/// </summary>
public sealed record TableCell(object? Value, string Text, string? Href = null)
{
    public bool IsNumber => Value is byte or short or int or long or float or double or decimal;

    public static TableCell Of(string? text) => new(text, text ?? "");

    public static TableCell Count(long value, string? href = null) => new(value, Format.Count(value), href);

    /// <summary>Days to two decimals in the CSV, as the chart draws them; to one in the table.</summary>
    public static TableCell Days(double value) => new(Math.Round(value, 2), Format.Days(value));

    public static TableCell Money(decimal value, string currency) => new(value, Format.Money(value, currency));

    public static TableCell Percent(double value) => new(value, Format.Percent(value));
}

/// <summary>The rows behind a chart: shown as a table on the page and downloadable as the same rows in CSV.</summary>
public sealed record FigureTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<TableCell>> Rows)
{
    public static FigureTable Of<T>(IEnumerable<T> items, IReadOnlyList<string> headers, Func<T, TableCell[]> row) =>
        new(headers, items.Select(item => (IReadOnlyList<TableCell>)row(item)).ToList());

    /// <summary>Header and rows, one line each; numbers and dates in the invariant culture so any spreadsheet reads them.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append(CsvText.Row([.. Headers])).Append('\n');
        foreach (var row in Rows)
            csv.AppendJoin(',', row.Select(cell => CsvText.Value(cell.Value))).Append('\n');
        return csv.ToString();
    }

    /// <summary>The CSV as a data: URL for a download link (UTF-8 with a byte order mark, so Excel reads Polish letters right).</summary>
    public string ToCsvDataUrl()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv())).ToArray();
        return "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(bytes);
    }
}
