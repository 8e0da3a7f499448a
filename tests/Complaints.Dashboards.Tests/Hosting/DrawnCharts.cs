using System.Text.Json;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Hosting;

/// <summary>What plotly drew: it keeps each chart's traces on its graph element, so tests read values, not pixels.</summary>
public static class DrawnCharts
{
    /// <summary>Label → value of a horizontal bar chart's bars (labels on y).</summary>
    public static async Task<Dictionary<string, double>> HorizontalBars(IPage page, string chart, int trace = 0)
    {
        var drawn = await Trace(page, chart, trace);
        return Enumerable.Range(0, drawn.GetProperty("y").GetArrayLength())
            .ToDictionary(i => drawn.GetProperty("y")[i].GetString()!, i => drawn.GetProperty("x")[i].GetDouble());
    }

    /// <summary>Label → value of a chart with labels on x: vertical bars, or a trend's points.</summary>
    public static async Task<Dictionary<string, double>> Points(IPage page, string chart, int trace = 0)
    {
        var drawn = await Trace(page, chart, trace);
        return Enumerable.Range(0, drawn.GetProperty("x").GetArrayLength())
            .ToDictionary(i => drawn.GetProperty("x")[i].GetString()!, i => drawn.GetProperty("y")[i].GetDouble());
    }

    /// <summary>
    /// Clicks a drawn point until the page leaves for the complaint list. A click that lands while the page is still
    /// streaming its last figures, or while plotly is still laying out the page's other charts, is not reported;
    /// a person would click again, and so does this.
    /// </summary>
    public static async Task ClickThroughToListAsync(IPage page, ILocator point)
    {
        static bool OnList(string url) => url.Contains("/complaints?", StringComparison.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            if (OnList(page.Url))
                return;
            try
            {
                // plotly listens on its drag layer above the shapes, hence Force
                await point.ClickAsync(new LocatorClickOptions { Force = true, Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // the point is gone: the page is already on its way to the list
            }
            try
            {
                await page.WaitForURLAsync(OnList, new PageWaitForURLOptions { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public static async Task<JsonElement> Trace(IPage page, string chart, int trace = 0)
    {
        var selector = $"[data-chart={chart}] .js-plotly-plot";
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?.data?.length > {trace}", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        return await page.EvaluateAsync<JsonElement>($"() => {{ const t = document.querySelector('{selector}').data[{trace}]; return {{ x: t.x, y: t.y }}; }}");
    }
}
