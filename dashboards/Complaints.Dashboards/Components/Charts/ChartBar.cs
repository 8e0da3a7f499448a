namespace Complaints.Dashboards.Components.Charts;

/// <summary>One bar: its label, its value, what the hover box shows as the value, and the group that picks its colour.</summary>
public sealed record ChartBar(string Label, double Value, string DisplayValue, string Group);
