using System.Globalization;

namespace Complaints.Reports.Exports;

/// <summary>
/// What every export says about itself so a reader can tell it is complete: how many rows, the filter (in words and
/// as the query string that reproduces it), the search, and when it was made.
/// A chart's export names the chart too.
/// </summary>
public sealed record ExportNote(long Rows, string FilterInWords, string FilterQuery, string? Search, DateTimeOffset GeneratedAt, string? Chart = null)
{
    private string Prefix => Chart is null ? "complaints" : "chart";

    /// <summary>One line for the end of a CSV file, after a '#', in English (CSV carries no language).</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"# {(Chart is null ? "" : $"chart {Chart}: ")}{Rows} rows; filter: {(FilterQuery.Length == 0 ? "none" : FilterQuery)}{(Search is null ? "" : $"; search: {Search}")}; generated at {GeneratedAt:yyyy-MM-ddTHH:mm:ssZ}; complete");

    /// <summary>The same as key-value pairs for Parquet and Arrow metadata; texts URL-encoded, as the filter is in a link.</summary>
    public IReadOnlyList<(string Key, string Value)> Metadata() =>
    [
        .. Chart is null ? [] : new[] { ("chart.id", Uri.EscapeDataString(Chart)) },
        ($"{Prefix}.rows", Rows.ToString(CultureInfo.InvariantCulture)),
        ($"{Prefix}.filter", FilterQuery),
        .. Chart is null ? new[] { ("complaints.search", Uri.EscapeDataString(Search ?? "")) } : [],
        ($"{Prefix}.generated_at", GeneratedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
    ];
}
