using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Sla;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Sla;

/// <summary>The SLA page in headless Chromium: its charts carry the API's figures.</summary>
[Collection(HostCollection.Name)]
public sealed class SlaPageTests(SlaHost host, Browser browser)
{
    [Fact]
    public async Task The_charts_draw_the_figures_the_API_returns()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, "/sla"));
        var api = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        var byLine = await DrawnBars(page, "breaches-by-product-line");
        var ageing = await DrawnBars(page, "backlog-ageing");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("sla"), FullPage = true });

        Assert.Equal(api.BreachesByProductLine.ToDictionary(b => b.Value, b => Math.Round(100.0 * b.Breached / b.Complaints, 1)), byLine);
        Assert.Equal(api.Backlog.ToDictionary(b => b.Bucket + " days", b => (double)b.Complaints), ageing);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task<Dictionary<string, double>> DrawnBars(IPage page, string chart)
    {
        var selector = $"[data-chart={chart}] .js-plotly-plot";
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?.data?.length > 0", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var trace = await page.EvaluateAsync<JsonElement>($"() => {{ const t = document.querySelector('{selector}').data[0]; return {{ x: t.x, y: t.y }}; }}");
        return Enumerable.Range(0, trace.GetProperty("y").GetArrayLength())
            .ToDictionary(i => trace.GetProperty("y")[i].GetString()!, i => trace.GetProperty("x")[i].GetDouble());
    }
}
