using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Exports;

/// <summary>
/// Where a chart's data downloads from: the chart's stable id in the catalogue, the page's filter, and what else pins its
/// figures (the trend's bucket, the as-of instant the page judged breaches at), so the file holds what the page drew.
/// </summary>
public sealed record ChartDataLink(string Chart, ComplaintFilter Filter, IReadOnlyList<(string Name, string? Value)> Extra)
{
    public string Href(string extension) => ExportEndpoints.Link($"charts/{Chart}", extension, Filter, [.. Extra]);
}
