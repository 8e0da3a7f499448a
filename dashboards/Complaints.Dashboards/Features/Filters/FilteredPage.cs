using Complaints.Warehouse;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>A page whose data follows the shared filters in its URL.</summary>
public abstract class FilteredPage : ComponentBase
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private FilterRequest? _request;

    /// <summary>The shared filters of this page's URL, read once: a page renders once per request (static rendering).</summary>
    private FilterRequest Request => _request ??= FilterRequest.From(
        new QueryCollection(QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query)));

    /// <summary>The filters as far as they could be read (a field that could not is left unset): for the filter bar and links.</summary>
    protected ComplaintFilter Filters => Request.Filter;

    /// <summary>The page's filter, or false with what to fix in the reader's language.</summary>
    protected bool TryReadFilter(out ComplaintFilter filter, out string? error)
    {
        filter = Request.Filter;
        error = Request.Error is { } problem ? FilterWords.Error(problem) : null;
        return error is null;
    }

    [Inject] private FigureCache Figures { get; set; } = null!;

    /// <summary>
    /// One of the page's figures, computed off the render thread, or as computed for an earlier view since the last
    /// warehouse write. Figures of a filter judged "now" (breaches, open ages) are always computed afresh. A kept figure is
    /// returned at once: the page renders it in its first response rather than streaming it after, so its chart can be
    /// drawn before Blazor's script has started.
    /// </summary>
    protected Task<T> FigureAsync<T>(string name, ComplaintFilter filter, Func<T> query) where T : notnull
    {
        if (filter.IsJudgedNow)
            return Task.Run(query);
        var key = $"{GetType().Name}/{name}/{filter}";
        return Figures.TryGet<T>(key, out var kept) ? Task.FromResult(kept) : Task.Run(() => Figures.GetOrAdd(key, query));
    }

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

    /// <summary>The downloads of a chart's data (catalogue id <c>page.chart</c>) with this page's filters and whatever else pins its figures.</summary>
    protected Exports.ChartDataLink ChartData(string chart, params (string Name, string? Value)[] extra) => new(chart, Filters, extra);

    /// <summary>The complaint list behind a figure: this page's filters, narrowed further by the figure's own.</summary>
    protected string ComplaintsBehind(params (string Name, string? Value)[] narrower) => "/complaints" + Filters.ToQueryString(narrower);
}
