using System.Globalization;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Filters;

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
        var problems = new[]
        {
            ParseBreach(query.Breached, out var breached), ParseAge(query.Age), ParseFlag("resolved", query.Resolved, out var resolved),
            ParseFlag("costed", query.Costed, out var costed), ParseFlag("surveyed", query.Surveyed, out var surveyed), ParseInstant(query.AsOf, out var asOf),
        };
        error = problems.FirstOrDefault(p => p is not null);
        if (error is not null)
            return false;
        filter = new ComplaintFilter(fromDate, toDate, Value(query.Product), Value(query.Line), Value(query.Category),
            Value(query.Channel), Value(query.Segment), Value(query.Country), Value(query.Status),
            Value(query.Team), breached, Value(query.Age), resolved, costed, Value(query.CostType), surveyed, asOf);
        return true;
    }

    /// <summary>An instant as drill-down links write it: ISO 8601 in UTC.</summary>
    public static string FormatInstant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string BreachName(SlaBreach breach) => breach switch
    {
        SlaBreach.FirstResponse => "first_response", SlaBreach.Resolution => "resolution", SlaBreach.Statutory => "statutory", _ => "any",
    };

    private static string? ParseBreach(string? text, out SlaBreach? breach)
    {
        breach = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        breach = Enum.GetValues<SlaBreach>().Select(b => (SlaBreach?)b).FirstOrDefault(b => BreachName(b!.Value) == text.Trim());
        return breach is null ? UiText.Get("Filters.Error.Breached", text) : null;
    }

    private static string? ParseAge(string? text) =>
        string.IsNullOrWhiteSpace(text) || ComplaintFilter.AgeBuckets.Any(b => b.Name == text.Trim()) ? null
            : UiText.Get("Filters.Error.Age", string.Join(", ", ComplaintFilter.AgeBuckets.Select(b => b.Name)), text);

    private static string? ParseFlag(string name, string? text, out bool? flag)
    {
        flag = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (bool.TryParse(text.Trim(), out var parsed))
        {
            flag = parsed;
            return null;
        }
        return UiText.Get("Filters.Error.Flag", name, text);
    }

    private static string? ParseInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        // An instant needs its offset: a bare local time would be read in the server's zone.
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(trimmed, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            instant = parsed;
            return null;
        }
        return UiText.Get("Filters.Error.AsOf", text);
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
