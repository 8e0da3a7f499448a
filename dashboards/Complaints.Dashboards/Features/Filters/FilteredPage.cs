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

    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }
    [SupplyParameterFromQuery(Name = "breached")] public string? Breached { get; set; }
    [SupplyParameterFromQuery(Name = "age")] public string? Age { get; set; }
    [SupplyParameterFromQuery(Name = "resolved")] public string? Resolved { get; set; }
    [SupplyParameterFromQuery(Name = "costed")] public string? Costed { get; set; }
    [SupplyParameterFromQuery(Name = "cost_type")] public string? CostType { get; set; }
    [SupplyParameterFromQuery(Name = "surveyed")] public string? Surveyed { get; set; }
    [SupplyParameterFromQuery(Name = "asof")] public string? AsOf { get; set; }

    protected FilterParameters Filters => new(From, To, Product, Line, Category, Channel, Segment, Country, Status,
        Team, Breached, Age, Resolved, Costed, CostType, Surveyed, AsOf);

    [Inject] private Complaints.Warehouse.FigureCache Figures { get; set; } = null!;

    /// <summary>
    /// One of the page's figures, computed off the render thread, or as computed for an earlier view since the last
    /// warehouse write. Figures of a filter judged "now" (breaches, open ages) are always computed afresh.
    /// </summary>
    protected Task<T> FigureAsync<T>(string name, Complaints.Warehouse.ComplaintFilter filter, Func<T> query) where T : notnull =>
        Task.Run(() => filter.IsJudgedNow ? query() : Figures.GetOrAdd($"{GetType().Name}/{name}/{filter}", query));

    /// <summary>Shows one figure as soon as it is back: the page streams, each chart appearing when its query is done.</summary>
    protected async Task Show<T>(Task<T> figure, Action<T> set)
    {
        set(await figure);
        StateHasChanged();
    }

    /// <summary>
    /// Shows the page's first chart, then the others as each is back. The first chart's query runs alone: side by side
    /// with the others, two cores would stretch it to the whole page's time.
    /// </summary>
    protected async Task ShowFirstThenRestAsync(Func<Task> first, params Func<Task>[] rest)
    {
        await first();
        await Task.WhenAll(rest.Select(show => show()));
    }

    /// <summary>The complaint list behind a figure: this page's filters, narrowed further by the figure's own.</summary>
    protected string ComplaintsBehind(params (string Name, string? Value)[] narrower) => "/complaints" + Filters.ToQueryString(narrower);
}
