using Complaints.Ingest.Feeds;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Demo;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Demo;

/// <summary>A first start on an empty warehouse with demo data enabled, as a newcomer's first run.</summary>
[Collection(HostCollection.Name)]
public sealed class DemoDataTests(Browser browser)
{
    [Fact]
    public async Task An_empty_warehouse_gets_demo_data_through_the_load_path_and_the_Overview_shows_it()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var (factory, baseAddress) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = warehouse.Database.Path,
            ["Demo:Enabled"] = "true",
            ["Demo:Complaints"] = "2000",
        });
        await using var _ = factory;
        var status = factory.Services.GetRequiredService<DemoDataStatus>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (status.Current.State is not (DemoDataState.Loaded or DemoDataState.Failed) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.Equal(DemoDataState.Loaded, status.Current.State);
        using var http = TestApp.Client(baseAddress);
        var figures = await http.GetFromJsonAsync<OverviewFigures>("/api/overview");
        Assert.Equal(2000, figures!.Totals.Complaints);
        Assert.True(figures.ComplaintsPerProduct.Count >= 30, "the demo catalogue has about 40 products");
        Assert.Equal(0, figures.CostPerProduct.UnconvertedCosts);
        using (var connection = warehouse.Database.OpenConnection())
        {
            Assert.Equal(FeedLayouts.All.Count, connection.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE is_demo AND status = 'loaded'"));
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaints c JOIN ingest_runs r USING (run_id) WHERE NOT r.is_demo"));
            Assert.Equal("demo.loaded", connection.Scalar<string>("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"));
            // Demo data ends before the moment it was generated: nothing received, answered, changed or booked later.
            var now = ("now", (object?)DateTimeOffset.UtcNow);
            Assert.Equal(0, connection.Scalar<long>("""
                SELECT count(*) FROM complaints WHERE greatest(received_at, updated_at, coalesce(first_response_at, received_at),
                    coalesce(answered_at, received_at), coalesce(resolved_at, received_at), coalesce(closed_at, received_at)) > CAST($now AS TIMESTAMPTZ)
                """, now));
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM status_events WHERE greatest(occurred_at, updated_at) > CAST($now AS TIMESTAMPTZ)", now));
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM costs WHERE booked_on > CAST($now AS TIMESTAMPTZ)::DATE", now));
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM surveys WHERE answered_at > CAST($now AS TIMESTAMPTZ)", now));
        }

        var (page, errors) = await browser.OpenAsync(baseAddress);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.chart .js-plotly-plot').length === 4 && [...document.querySelectorAll('.chart .js-plotly-plot')].every(p => p.data?.length > 0)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-demo"), FullPage = true });
        Assert.Equal("2,000", await page.Locator("[data-figure=complaints]").InnerTextAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }
}
