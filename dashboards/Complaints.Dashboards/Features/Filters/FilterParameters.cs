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
