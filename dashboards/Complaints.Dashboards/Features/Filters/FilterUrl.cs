using Complaints.Warehouse;
using Microsoft.AspNetCore.WebUtilities;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>A filter written back into a URL, e.g. for a drill-down link or a preset.</summary>
public static class FilterUrl
{
    /// <summary>The query string of <paramref name="filter"/>, with <paramref name="extra"/> values set or (when null) removed.</summary>
    public static string ToQueryString(this ComplaintFilter filter, params (string Name, string? Value)[] extra)
    {
        var values = filter.ToQuery().ToDictionary(v => v.Name, v => (string?)v.Value);
        foreach (var (name, value) in extra)
            values[name] = value;
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value));
    }
}
