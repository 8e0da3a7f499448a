using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Complaints.Warehouse.Accounts;
using Complaints.Dashboards.Features.Filters;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Sla;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Sla;

/// <summary>The complaint list behind each SLA figure counts what the figure counted; the administrator's recalculation.</summary>
[Collection(HostCollection.Name)]
public sealed class SlaDrillDownTests(SlaHost host, Browser browser)
{
    private async Task<long> ListedCount(string url)
    {
        var html = await host.Http.GetStringAsync(url);
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-figure=\"count\"[^>]*>([^<]+)<");
        return match.Success ? long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.CurrentCulture) : 0;
    }

    [Fact]
    public async Task Every_breach_backlog_and_handling_figure_lists_exactly_its_complaints()
    {
        var figures = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;
        var asOf = Uri.EscapeDataString(FilterValues.FormatInstant(figures.AsOf));

        foreach (var b in figures.BreachesByProductLine)
        {
            Assert.Equal(b.Breached, await ListedCount($"/complaints?line={Uri.EscapeDataString(b.Value)}&breached=any&asof={asOf}"));
            Assert.Equal(b.ResolutionBreached, await ListedCount($"/complaints?line={Uri.EscapeDataString(b.Value)}&breached=resolution&asof={asOf}"));
        }
        foreach (var b in figures.BreachesByTeam)
            Assert.Equal(b.FirstResponseBreached, await ListedCount($"/complaints?team={b.Value}&breached=first_response&asof={asOf}"));
        foreach (var b in figures.Backlog)
            Assert.Equal(b.Complaints, await ListedCount($"/complaints?age={Uri.EscapeDataString(b.Bucket)}&asof={asOf}"));
        foreach (var h in figures.HandlingTimePerProduct)
            Assert.Equal(h.Resolved, await ListedCount($"/complaints?product={h.Sku}&resolved=true"));
        // And against the fixture's hand-worked outcomes: 9 complaints breached a target, one missed the statutory deadline.
        Assert.Equal(SlaFixture.Complaints.Count(r => r.FirstResponseBreached == true || r.ResolutionBreached == true), await ListedCount($"/complaints?breached=any&asof={asOf}"));
        Assert.Equal(SlaFixture.Complaints.Count(r => r.StatutoryMet == false), await ListedCount($"/complaints?breached=statutory&asof={asOf}"));
    }

    [Fact]
    public async Task Clicking_a_backlog_bar_opens_the_open_complaints_of_that_age()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, "/sla"));
        var api = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;
        await page.Locator("[data-chart=backlog-ageing] [data-clickable=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=backlog-ageing] .js-plotly-plot')?.data?.length > 0");

        // Bars are drawn bottom-up, so the last path is the first bucket, 0-3 days.
        await DrawnCharts.ClickThroughToListAsync(page, page.Locator("[data-chart=backlog-ageing] .bars .point path").Last);
        var count = await page.Locator("[data-figure=count]").InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("sla-drill-down"), FullPage = true });

        Assert.Contains("age=0-3", Uri.UnescapeDataString(page.Url));
        Assert.Equal(api.Backlog[0].Complaints.ToString("N0", CultureInfo.CurrentCulture), count);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Recalculation_is_for_administrators_and_is_written_to_the_audit_log_with_their_name()
    {
        using var anonymous = TestApp.Client(host.Http.BaseAddress!, token: null);
        var denied = await anonymous.PostAsync(SlaEndpointsPath, null);
        using var executive = TestApp.Client(host.Http.BaseAddress!, TestApp.TokenAs(host.Http.BaseAddress!, Roles.Executive));
        var forbidden = await executive.PostAsync(SlaEndpointsPath, null);
        var allowed = await host.Http.PostAsync(SlaEndpointsPath, null);
        var result = await allowed.Content.ReadFromJsonAsync<Features.Sla.RecalculationResult>();
        var after = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(SlaFixture.Complaints.Count, result!.MeasuredComplaints);
        var audit = host.AuditEntries();
        Assert.Contains(audit, e => e.Action == SlaMeasures.RecalculationAction && e.Actor.StartsWith($"{TestApp.Tester} (token ", StringComparison.Ordinal));
        // Measured with the same policies, nothing changes.
        Assert.Equal(SlaFixture.Complaints.Count(r => r.ResolutionBreached is not null), after.Achievement.ResolutionDecided);
    }

    [Fact]
    public async Task The_SLA_page_form_recalculates_and_says_so()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var handlerless = TestApp.Client(host.Http.BaseAddress!, handler: new HttpClientHandler { AllowAutoRedirect = false });
        var response = await handlerless.PostAsync(SlaEndpointsPath, form);
        var page = await host.Http.GetStringAsync(response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/sla?recalculated={SlaFixture.Complaints.Count}", response.Headers.Location!.ToString());
        Assert.Contains($"Recalculated the SLA measures of {SlaFixture.Complaints.Count} complaints", page);
    }

    private const string SlaEndpointsPath = Features.Sla.SlaEndpoints.RecalculatePath;
}
