using Complaints.Dashboards.Tests.Hosting;
using Deque.AxeCore.Playwright;

namespace Complaints.Dashboards.Tests.Accessibility;

/// <summary>WCAG 2.1 AA: an automated axe scan of every page finds no serious or critical violation.</summary>
[Collection(HostCollection.Name)]
public sealed class AxeScanTests(DashboardsHost host, Browser browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?line=Home+appliances")]
    [InlineData("/products")]
    [InlineData("/sla")]
    [InlineData("/costs")]
    [InlineData("/feedback")]
    [InlineData("/complaints?costed=true&cost_type=repair")]
    [InlineData("/complaints")]
    [InlineData("/complaints/fixture/C1")]
    [InlineData("/ingest")]
    [InlineData("/ingest/runs/1")]
    [InlineData("/not-found")]
    [InlineData("/?culture=pl-PL")]
    [InlineData("/products?culture=pl-PL")]
    [InlineData("/sla?culture=pl-PL")]
    [InlineData("/costs?culture=pl-PL")]
    [InlineData("/feedback?culture=pl-PL")]
    [InlineData("/complaints?culture=pl-PL")]
    [InlineData("/defects")]
    [InlineData("/risk")]
    [InlineData("/defects?culture=pl-PL")]
    [InlineData("/risk?culture=pl-PL&target=resolution")]
    [InlineData("/audit")]
    [InlineData("/audit?culture=pl-PL&who=system")]
    public async Task A_page_has_no_serious_or_critical_accessibility_violations(string path)
    {
        var (page, _) = await browser.OpenAsync(new Uri(host.BaseAddress, path));
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        await page.CloseAsync();
        Assert.NotEmpty(result.Passes); // the scan really ran its rules over the page
        Assert.True(serious.Count == 0, $"{path}:\n{string.Join("\n", serious)}");
    }
}
