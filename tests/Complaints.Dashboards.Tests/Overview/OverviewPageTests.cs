using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Overview;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Overview;

/// <summary>The Overview in headless Chromium: the bars plotly drew carry the API's values.</summary>
[Collection(HostCollection.Name)]
public sealed class OverviewPageTests(DashboardsHost host, Browser browser)
{
    [Fact]
    public async Task The_charts_draw_the_figures_the_API_returns()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/"));
        var api = await host.Http.GetFromJsonAsync<OverviewFigures>("/api/overview");

        var perProduct = await DrawnBars(page, "complaints-per-product");
        var handling = await DrawnBars(page, "handling-time-per-product");
        var costs = await DrawnBars(page, "cost-per-product");
        var trend = await DrawnPoints(page, "trend");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview"), FullPage = true });

        Assert.Equal(api!.ComplaintsPerProduct.ToDictionary(p => p.Name, p => (double)p.Complaints), perProduct);
        Assert.Equal(api.HandlingTimePerProduct.ToDictionary(h => h.Name, h => Math.Round(h.MedianDays, 2)), handling);
        Assert.Equal(api.CostPerProduct.Products.ToDictionary(c => c.Name, c => (double)c.Amount), costs);
        Assert.Equal(api.Trend.ToDictionary(m => m.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m => (double)m.Complaints), trend);
        Assert.Equal(4, await page.Locator(".chart .js-plotly-plot").CountAsync());
        Assert.Equal(api.ComplaintsPerProduct.Count, await page.Locator("[data-chart=complaints-per-product] .bars .point").CountAsync());
        Assert.Equal("8", await page.Locator("[data-figure=complaints]").InnerTextAsync());
        // The statutory-deadline tile is the SLA page's figure; over all dates the tiles say why they show no change.
        var sla = await host.Http.GetFromJsonAsync<JsonElement>("/api/sla");
        var statutory = sla.GetProperty("achievement").GetProperty("statutoryPercent").GetDouble();
        Assert.Equal(statutory.ToString("N1", CultureInfo.GetCultureInfo("en-GB")) + "%", await page.Locator("[data-figure=statutory-met]").InnerTextAsync());
        Assert.Contains("no earlier period", await page.Locator("[data-no-change]").InnerTextAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_date_filter_lives_in_the_URL_and_narrows_the_charts()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/"));
        await page.FillAsync("input[name=from]", "2024-02-01");
        await page.FillAsync("input[name=to]", "2024-02-29");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        await page.WaitForURLAsync("**/?from=2024-02-01&to=2024-02-29");

        var perProduct = await DrawnBars(page, "complaints-per-product");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-february"), FullPage = true });

        Assert.Equal(new Dictionary<string, double> { ["Kettle Aqua"] = 1, ["Toaster Duo"] = 1, ["Headphones X"] = 2, ["XX-9999"] = 1 }, perProduct);
        Assert.Equal("5", await page.Locator("[data-figure=complaints]").InnerTextAsync());
        Assert.Contains("▲ 150.0", await page.Locator(".tiles").InnerTextAsync()); // 5 complaints against 2 in the 29 days before
        Assert.Equal("2024-02-01", await page.InputValueAsync("input[name=from]"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_bad_date_in_the_URL_shows_what_to_fix_instead_of_a_dead_page()
    {
        var (page, _) = await browser.OpenAsync(new Uri(host.BaseAddress, "/?from=yesterday"));

        var message = await page.Locator("p.message.error").InnerTextAsync();

        Assert.Contains("'from' must be a date written as yyyy-MM-dd", message);
    }

    [Fact]
    public async Task Charts_are_drawn_and_clickable_without_a_connection_back_to_the_server()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {TestApp.TokenFor(host.BaseAddress)}" });
        var connections = new List<string>();
        page.WebSocket += (_, socket) => connections.Add(socket.Url);
        await page.RouteAsync("**/_blazor**", route => route.AbortAsync());
        await page.GotoAsync(new Uri(host.BaseAddress, "/?from=2024-01-01&to=2024-02-29").ToString());

        await page.Locator("[data-chart=complaints-per-product] [data-clickable=true]").WaitForAsync();
        await DrawnCharts.ClickThroughToListAsync(page, page.Locator("[data-chart=complaints-per-product] .bars .point path").Last);

        Assert.Contains("product=HA-0001", page.Url);
        Assert.Equal("3", await page.Locator("[data-figure=count]").InnerTextAsync()); // Kettle Aqua's bar
        Assert.Empty(connections);
    }

    [Fact]
    public async Task Clicking_a_bar_opens_the_complaints_behind_it_and_their_count_equals_the_bar()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/?from=2024-01-01&to=2024-02-29"));
        var bars = await DrawnBars(page, "complaints-per-product");
        await page.Locator("[data-chart=complaints-per-product] [data-clickable=true]").WaitForAsync();

        // The top bar is the product with the most complaints: Kettle Aqua, 3.
        // Plotly listens on its drag layer above the bars, so the click goes to that point rather than to the path itself.
        await DrawnCharts.ClickThroughToListAsync(page, page.Locator("[data-chart=complaints-per-product] .bars .point path").Last);
        var count = await page.Locator("[data-figure=count]").InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("complaints-drill-down"), FullPage = true });

        Assert.Contains("product=HA-0001", page.Url);
        Assert.Contains("from=2024-01-01", page.Url);
        Assert.Equal(bars["Kettle Aqua"].ToString(CultureInfo.InvariantCulture), count);
        Assert.Equal(3, await page.Locator("table.figures tbody tr").CountAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_trend_point_opens_the_complaints_of_that_period_and_their_count_equals_the_point()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/?line=Home+appliances"));
        var points = await DrawnCharts.Points(page, "trend");
        await page.Locator("[data-chart=trend] [data-clickable=true]").WaitForAsync();

        // February 2024 is the second point; its complaints are those received 1–29 February in Warsaw.
        await DrawnCharts.ClickThroughToListAsync(page, page.Locator("[data-chart=trend] .scatterlayer .points path").Nth(1));
        var count = await page.Locator("[data-figure=count]").InnerTextAsync();

        Assert.Contains("from=2024-02-01", page.Url);
        Assert.Contains("to=2024-02-29", page.Url);
        Assert.Contains("line=Home", page.Url);
        Assert.Equal(points["2024-02-01"].ToString(CultureInfo.InvariantCulture), count);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_product_line_filter_narrows_the_charts_and_stays_in_the_URL()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/"));
        await page.SelectOptionAsync("select[name=line]", "Home appliances");
        await page.ClickAsync("form.filter-bar button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/?line=Home+appliances", StringComparison.Ordinal));

        var perProduct = await DrawnBars(page, "complaints-per-product");

        Assert.Equal(new Dictionary<string, double> { ["Kettle Aqua"] = 3, ["Toaster Duo"] = 2 }, perProduct);
        Assert.Equal("Home appliances", await page.InputValueAsync("select[name=line]"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    /// <summary>Label → value of the bars plotly drew (plotly keeps the drawn data on its graph element).</summary>
    private static async Task<Dictionary<string, double>> DrawnBars(IPage page, string chart)
    {
        var trace = await DrawnTrace(page, chart);
        return Enumerable.Range(0, trace.GetProperty("y").GetArrayLength())
            .ToDictionary(i => trace.GetProperty("y")[i].GetString()!, i => trace.GetProperty("x")[i].GetDouble());
    }

    private static async Task<Dictionary<string, double>> DrawnPoints(IPage page, string chart)
    {
        var trace = await DrawnTrace(page, chart);
        return Enumerable.Range(0, trace.GetProperty("x").GetArrayLength())
            .ToDictionary(i => trace.GetProperty("x")[i].GetString()!, i => trace.GetProperty("y")[i].GetDouble());
    }

    private static async Task<JsonElement> DrawnTrace(IPage page, string chart)
    {
        var selector = $"[data-chart={chart}] .js-plotly-plot";
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?.data?.length > 0", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        return await page.EvaluateAsync<JsonElement>($"() => {{ const t = document.querySelector('{selector}').data[0]; return {{ x: t.x, y: t.y }}; }}");
    }

    [Fact]
    public async Task Trend_periods_cut_by_the_dates_are_marked_partial_in_the_chart_and_the_table()
    {
        var html = System.Net.WebUtility.HtmlDecode(await host.Http.GetStringAsync("/?from=2024-01-10&to=2024-02-15"));

        Assert.Contains("partial period: 10 Jan 2024 to 31 Jan 2024 only", html);
        Assert.Contains("partial period: 1 Feb 2024 to 15 Feb 2024 only", html);
        Assert.Contains("The last period is not complete (partial period: 1 Feb 2024 to 15 Feb 2024 only): its lower count is not a drop.", html);
        var whole = System.Net.WebUtility.HtmlDecode(await host.Http.GetStringAsync("/?from=2024-01-01&to=2024-02-29"));
        Assert.DoesNotContain("partial period", whole);
    }
}
