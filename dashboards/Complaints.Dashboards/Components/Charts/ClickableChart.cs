using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>
/// A chart whose points lead somewhere: a click on a point opens its link (the complaints behind it). Once plotly reports
/// clicks the chart says so (<see cref="Clickable"/>, rendered as data-clickable), for tests and styles to rely on.
/// </summary>
public abstract class ClickableChart : ComponentBase
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    protected PlotlyChart? Chart;
    protected bool Clickable;

    // AfterRender is a plain callback; the subscription's task is kept so it is not lost.
    private Task? _clickSubscription;

    /// <summary>Each drawn point's link, in the order plotly numbers the points; null where a point leads nowhere.</summary>
    protected abstract IReadOnlyList<string?> PointLinks { get; }

    protected void SubscribeToClicks()
    {
        if (Chart is not null && _clickSubscription is null && PointLinks.Any(link => link is not null))
            _clickSubscription = SubscribeAsync(Chart);
    }

    private async Task SubscribeAsync(PlotlyChart chart)
    {
        await chart.SubscribeClickEvent();
        Clickable = true;
        await InvokeAsync(StateHasChanged);
    }

    protected void OnPointClicked(IEnumerable<EventDataPoint> points)
    {
        var index = points.Select(p => ChartSupport.IndexOf(p.PointIndex)).FirstOrDefault(-1);
        if (index >= 0 && index < PointLinks.Count && PointLinks[index] is { } link)
            Navigation.NavigateTo(link);
    }
}
