using System.Globalization;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Products;

/// <summary>The Products page in headless Chromium: rates and the Pareto as drawn, and the drill-down from a defect bar.</summary>
[Collection(HostCollection.Name)]
public sealed class ProductsPageTests(DashboardsHost host, Browser browser)
{
    [Fact]
    public async Task The_page_draws_the_rates_and_the_Pareto_without_errors()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/products"));

        var rates = await DrawnCharts.HorizontalBars(page, "rate-per-product");
        var defects = await DrawnCharts.Points(page, "defect-pareto");
        var cumulative = await DrawnCharts.Points(page, "defect-pareto", trace: 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("products"), FullPage = true });

        Assert.Equal(new Dictionary<string, double> { ["Kettle Aqua"] = 2.0, ["Toaster Duo"] = 2.5, ["Headphones X"] = 0.69 }, rates);
        Assert.Equal(new Dictionary<string, double> { ["leak"] = 4, ["noise"] = 2, ["(none)"] = 2 }, defects);
        Assert.Equal([50.0, 75.0, 100.0], cumulative.Values);
        Assert.Equal(OverviewFixture.ComplaintsPerProduct.Count, await page.Locator("table.figures").First.Locator("tbody tr").CountAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_defect_bar_opens_the_complaints_of_that_category_and_their_count_equals_the_bar()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/products?line=Home+appliances"));
        var defects = await DrawnCharts.Points(page, "defect-pareto");
        await page.Locator("[data-chart=defect-pareto] [data-clickable=true]").WaitForAsync();

        // The first bar is the most frequent category: leak (C1, C2, C4 in Home appliances).
        await DrawnCharts.ClickThroughToListAsync(page, page.Locator("[data-chart=defect-pareto] .bars .point path").First);
        var count = await page.Locator("[data-figure=count]").InnerTextAsync();

        Assert.Contains("category=leak", page.Url);
        Assert.Contains("line=Home", page.Url);
        Assert.Equal(defects["leak"].ToString(CultureInfo.InvariantCulture), count);
        Assert.Equal("3", count);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }
}
