namespace Complaints.Reports;

/// <summary>
/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or carriage return before one)
/// gets a leading apostrophe, so "=HYPERLINK(...)" in a complaint's description stays text in every export.
/// </summary>
public static class SafeText
{
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
