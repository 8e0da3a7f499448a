using Complaints.Dashboards.Tests.Hosting;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.ComplaintList;

[Collection(HostCollection.Name)]
public sealed class ComplaintPagesTests(DashboardsHost host, Browser browser)
{
    [Fact]
    public async Task From_the_list_a_complaint_opens_with_its_costs_and_where_it_came_from()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/complaints?product=HA-0001&sort=received"));
        Assert.Equal("C1", await page.Locator("table.figures tbody tr td a").First.InnerTextAsync()); // oldest first

        await page.ClickAsync("text=C1");
        await page.Locator("h2", new PageLocatorOptions { HasText = "Costs" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("complaint-detail"), FullPage = true });
        var costs = await page.Locator("section[aria-labelledby=costs] tbody tr").AllInnerTextsAsync();

        Assert.Equal(2, costs.Count);
        Assert.Contains(costs, c => c.Contains("repair") && c.Contains("100.00 PLN"));
        Assert.Contains(costs, c => c.Contains("logistics") && c.Contains("20.00 EUR"));
        Assert.Contains("complaints.csv", await page.Locator(".lineage").InnerTextAsync());
        Assert.DoesNotContain("Customer C1", await page.ContentAsync()); // personal data is not on this page
        // Where it stands against its deadlines, and every date in one style.
        Assert.Contains("statutory", (await page.Locator("[data-sla]").InnerTextAsync()).ToLowerInvariant());
        Assert.Matches(@"\d{1,2} [A-Z][a-z]{2} \d{4}", await page.Locator("[data-target=statutory]").InnerTextAsync());
        Assert.DoesNotMatch(@"\d{2}/\d{2}/\d{4}", await page.Locator("section[aria-labelledby=fields]").InnerTextAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_complaint_says_so()
    {
        var (page, _) = await browser.OpenAsync(new Uri(host.BaseAddress, "/complaints/fixture/NOPE"));

        Assert.Contains("There is no complaint NOPE", await page.Locator("p.message.error").InnerTextAsync());
        await page.CloseAsync();
    }
}
