using System.Globalization;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse;
using Microsoft.AspNetCore.WebUtilities;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// The shared filters as they appear in a URL. Pages and API take the same names, so a page's address and its
/// API call narrow the data the same way: from, to (inclusive days of receipt, yyyy-MM-dd), product (SKU), line,
/// category, channel, segment, country, status. An empty value means "any".
/// </summary>
public sealed record FilterParameters(
    string? From = null, string? To = null, string? Product = null, string? Line = null, string? Category = null,
    string? Channel = null, string? Segment = null, string? Country = null, string? Status = null)
{
    public static readonly IReadOnlyList<string> Names = ["from", "to", "product", "line", "category", "channel", "segment", "country", "status"];

    public bool TryParse(out ComplaintFilter filter, out string? error) => FilterQuery.TryParse(this, out filter, out error);

    /// <summary>The query string of this filter (empty values left out), e.g. for a drill-down link.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = From, ["to"] = To, ["product"] = Product, ["line"] = Line, ["category"] = Category,
            ["channel"] = Channel, ["segment"] = Segment, ["country"] = Country, ["status"] = Status,
        };
        foreach (var (name, value) in extra)
            values[name] = value;
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value);
        return QueryHelpers.AddQueryString("", present);
    }
}

/// <summary>Reads the shared filters; what is wrong is said in the reader's language (the API's callers get English unless they ask otherwise).</summary>
public static class FilterQuery
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryParse(FilterParameters query, out ComplaintFilter filter, out string? error)
    {
        filter = ComplaintFilter.All;
        error = ParseDate("from", query.From, out var fromDate);
        DateOnly? toDate = null;
        error ??= ParseDate("to", query.To, out toDate);
        if (error is not null)
            return false;
        if (fromDate > toDate)
        {
            error = UiText.Get("Filters.Error.FromAfterTo", query.From, query.To);
            return false;
        }
        filter = new ComplaintFilter(fromDate, toDate, Value(query.Product), Value(query.Line), Value(query.Category),
            Value(query.Channel), Value(query.Segment), Value(query.Country), Value(query.Status));
        return true;
    }

    public static string? Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
        return UiText.Get("Filters.Error.BadDate", name, text);
    }
}
