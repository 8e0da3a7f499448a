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
}
