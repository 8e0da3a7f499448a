using System.Globalization;

namespace Complaints.Dashboards.Components;

/// <summary>CSV cells for downloads: quoted where needed, and text that a spreadsheet would run as a formula neutralised.</summary>
public static class CsvText
{
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        // A leading = + - @ (or tab/CR) makes Excel evaluate the cell; a leading apostrophe keeps it text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Row(params string?[] values) => string.Join(',', values.Select(Cell));

    /// <summary>
    /// A typed value as a cell: numbers in the invariant culture (1234.5, whatever the UI language; a negative number
    /// stays a number), dates as yyyy-MM-dd, text through <see cref="Cell"/>.
    /// </summary>
    public static string Value(object? value) => value switch
    {
        null => "",
        string text => Cell(text),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        byte or short or int or long or float or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
