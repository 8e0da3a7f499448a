using System.Globalization;

namespace Complaints.Reports.Exports;

/// <summary>
/// What every export says about itself so a reader can tell it is complete: how many rows, the filter (in words and
/// as the query string that reproduces it), the search, and when it was made.
/// </summary>
public sealed record ExportNote(long Rows, string FilterInWords, string FilterQuery, string? Search, DateTimeOffset GeneratedAt)
{
    /// <summary>One line for the end of a CSV file, after a '#', in English (CSV carries no language).</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"# {Rows} rows; filter: {(FilterQuery.Length == 0 ? "none" : FilterQuery)}{(Search is null ? "" : $"; search: {Search}")}; generated at {GeneratedAt:yyyy-MM-ddTHH:mm:ssZ}; complete");

    /// <summary>The same as key-value pairs for Parquet and Arrow metadata; texts URL-encoded, as the filter is in a link.</summary>
    public IReadOnlyList<(string Key, string Value)> Metadata() =>
    [
        ("complaints.rows", Rows.ToString(CultureInfo.InvariantCulture)),
        ("complaints.filter", FilterQuery),
        ("complaints.search", Uri.EscapeDataString(Search ?? "")),
        ("complaints.generated_at", GeneratedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
    ];
}
