namespace Complaints.Dashboards.Components.Charts;

/// <summary>
/// One bar: its label, its value, what the hover box shows as the value, the group that picks its colour,
/// and where clicking it leads (the complaints behind it), if anywhere.
/// </summary>
public sealed record ChartBar(string Label, double Value, string DisplayValue, string Group, string? Href = null);
