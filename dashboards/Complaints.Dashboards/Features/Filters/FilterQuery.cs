using System.Globalization;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse;
using Microsoft.AspNetCore.WebUtilities;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// The shared filters as they appear in a URL. Pages and API take the same names, so a page's address and its
/// API call narrow the data the same way: from, to (inclusive days of receipt, yyyy-MM-dd), product (SKU), line,
/// category, channel, segment, country, status. An empty value means "any".
/// Drill-down links add: team, breached (any, first_response, resolution, statutory), age (an open-age bucket:
/// 0-3, 4-7, 8-14, >14), resolved, costed, surveyed (true or false), cost_type, and asof (the instant breaches and
/// ages were judged at, ISO 8601 with an offset), so the list behind a bar holds exactly the complaints counted in it.
/// </summary>
public sealed record FilterParameters(
    string? From = null, string? To = null, string? Product = null, string? Line = null, string? Category = null,
    string? Channel = null, string? Segment = null, string? Country = null, string? Status = null,
    string? Team = null, string? Breached = null, string? Age = null, string? Resolved = null, string? Costed = null,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "cost_type")] string? CostType = null, string? Surveyed = null, string? AsOf = null)
{
    public static readonly IReadOnlyList<string> Names = ["from", "to", "product", "line", "category", "channel", "segment", "country", "status"];

    /// <summary>The drill-down filters, by URL name, with their values (set ones only).</summary>
    public IReadOnlyList<(string Name, string Value)> DrillDown =>
    [
        .. new (string Name, string? Value)[]
        {
            ("team", Team), ("breached", Breached), ("age", Age), ("resolved", Resolved), ("costed", Costed),
            ("cost_type", CostType), ("surveyed", Surveyed), ("asof", AsOf),
        }.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => (v.Name, v.Value!.Trim())),
    ];

    /// <summary>An API's answer: the figures for these filters, or 400 saying what to fix.</summary>
    public async Task<IResult> AnswerAsync<T>(Func<ComplaintFilter, Task<T>> figures) =>
        TryParse(out var filter, out var error)
            ? TypedResults.Ok(await figures(filter))
            : TypedResults.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest);

    public bool TryParse(out ComplaintFilter filter, out string? error) => FilterQuery.TryParse(this, out filter, out error);

    /// <summary>The query string of this filter (empty values left out), e.g. for a drill-down link.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = From, ["to"] = To, ["product"] = Product, ["line"] = Line, ["category"] = Category,
            ["channel"] = Channel, ["segment"] = Segment, ["country"] = Country, ["status"] = Status,
            ["team"] = Team, ["breached"] = Breached, ["age"] = Age, ["resolved"] = Resolved, ["costed"] = Costed,
            ["cost_type"] = CostType, ["surveyed"] = Surveyed, ["asof"] = AsOf,
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
