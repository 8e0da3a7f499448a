using Microsoft.AspNetCore.Components;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>A page whose data follows the shared filters in its URL.</summary>
public abstract class FilteredPage : ComponentBase
{
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "product")] public string? Product { get; set; }
    [SupplyParameterFromQuery(Name = "line")] public string? Line { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "segment")] public string? Segment { get; set; }
    [SupplyParameterFromQuery(Name = "country")] public string? Country { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    protected FilterParameters Filters => new(From, To, Product, Line, Category, Channel, Segment, Country, Status);
}
