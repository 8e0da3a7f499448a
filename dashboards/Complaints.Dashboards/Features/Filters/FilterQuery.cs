using System.Globalization;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// Reads the shared filters from a URL query: pages and API take the same names (from, to: inclusive days of receipt,
/// yyyy-MM-dd), so a page's address and its API call narrow the data the same way.
/// </summary>
public static class FilterQuery
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryParse(string? from, string? to, out ComplaintFilter filter, out string? error)
    {
        filter = ComplaintFilter.All;
        error = ParseDate("from", from, out var fromDate);
        DateOnly? toDate = null;
        error ??= ParseDate("to", to, out toDate);
        if (error is not null)
            return false;
        if (fromDate > toDate)
        {
            error = $"'from' ({from}) is after 'to' ({to}); swap the dates.";
            return false;
        }
        filter = new ComplaintFilter(fromDate, toDate);
        return true;
    }

    public static string? Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string? ParseDate(string name, string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return null;
        }
        return $"'{name}' must be a date written as yyyy-MM-dd, e.g. 2024-03-31 (got '{text}').";
    }
}
