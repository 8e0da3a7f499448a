using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Tests.Overview;

/// <summary>The API's figures against the fixture's hand-worked ones (not the same SQL run twice).</summary>
[Collection(HostCollection.Name)]
public sealed class OverviewApiTests(DashboardsHost host)
{
    [Fact]
    public async Task Overview_figures_equal_the_hand_worked_ones()
    {
        var figures = await host.Http.GetFromJsonAsync<OverviewFigures>("/api/overview");

        Assert.NotNull(figures);
        Assert.Equal(new OverviewTotals(8, 5, 3, new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 21)), figures.Totals);
        Assert.Equal(OverviewFixture.ComplaintsPerProduct, figures.ComplaintsPerProduct.ToDictionary(p => p.Sku, p => p.Complaints));
        Assert.Equal(OverviewFixture.ComplaintsPerMonth, figures.Trend.ToDictionary(m => m.Period, m => m.Complaints));
        // Medians come from the rollup's sketch of handling times, within the bound the answer states.
        Assert.Equal(Complaints.Warehouse.Rollups.HandlingSketch.RelativeError, figures.MedianRelativeError);
        Assert.Equal(OverviewFixture.MedianHandlingDays.Keys.Order(), figures.HandlingTimePerProduct.Select(h => h.Sku).Order());
        foreach (var handling in figures.HandlingTimePerProduct)
            AssertWithin(OverviewFixture.MedianHandlingDays[handling.Sku], handling.MedianDays, figures.MedianRelativeError);
        Assert.Equal(OverviewFixture.CostPerProductPln, figures.CostPerProduct.Products.ToDictionary(c => c.Sku, c => c.Amount));
        Assert.Equal(479.50m, figures.CostPerProduct.Total);
        Assert.Equal("PLN", figures.CostPerProduct.Currency);
        Assert.Equal(1, figures.CostPerProduct.UnconvertedCosts);
        Assert.Equal(["USD"], figures.CostPerProduct.UnconvertedCurrencies);
    }

    [Fact]
    public async Task Dates_filter_by_day_of_receipt_in_the_reporting_zone()
    {
        // C4 arrived at 23:30 UTC on 31 January: 1 February in Warsaw, so it belongs to February.
        var february = await host.Http.GetFromJsonAsync<List<ProductCount>>("/api/overview/complaints-per-product?from=2024-02-01&to=2024-02-29");
        var costs = await host.Http.GetFromJsonAsync<ProductCosts>("/api/overview/cost-per-product?from=2024-02-01&to=2024-02-29");

        Assert.Equal(OverviewFixture.ComplaintsPerProductInFebruary, february!.ToDictionary(p => p.Sku, p => p.Complaints));
        Assert.Equal(new Dictionary<string, decimal> { ["HA-0001"] = 250.50m, ["EL-0001"] = 43.00m }, costs!.Products.ToDictionary(c => c.Sku, c => c.Amount));
    }

    [Fact]
    public async Task Key_figures_compare_with_the_period_of_the_same_length_just_before()
    {
        var figures = (await host.Http.GetFromJsonAsync<OverviewFigures>("/api/overview?from=2024-02-01&to=2024-02-29"))!;
        var kpis = figures.Kpis;

        // February (29 days): C3, C4, C6, C7, C8; C4, C7, C8 open; handling 10 and 0.5 days; costs 250.50 + 10 EUR × 4.30.
        Assert.Equal(new KpiValues(5, 3, null, 293.50m, null), kpis.Current with { MedianHandlingDays = null });
        AssertWithin(5.25, kpis.Current.MedianHandlingDays!.Value, figures.MedianRelativeError);
        // 3–31 January: C1 and C2 (C5 arrived on 1 January); handling 4 and 2 days; costs 100 + 20 EUR × 4.30.
        Assert.Equal(new KpiValues(2, 0, null, 186.00m, null), kpis.Previous! with { MedianHandlingDays = null });
        AssertWithin(3.0, kpis.Previous.MedianHandlingDays!.Value, figures.MedianRelativeError);
        Assert.Equal((new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 31)), (kpis.PreviousFrom!.Value, kpis.PreviousTo!.Value));
    }

    [Theory]
    [InlineData("week", "2024-01-01:1,2024-01-08:1,2024-01-15:1,2024-01-29:1,2024-02-05:2,2024-02-19:2")]
    [InlineData("quarter", "2024-01-01:8")]
    [InlineData("day", "2024-01-01:1,2024-01-10:1,2024-01-20:1,2024-02-01:1,2024-02-05:1,2024-02-10:1,2024-02-20:1,2024-02-21:1")]
    public async Task The_trend_buckets_by_day_ISO_week_month_or_quarter_in_the_reporting_zone(string bucket, string expected)
    {
        var trend = await host.Http.GetFromJsonAsync<List<PeriodCount>>($"/api/overview/trend?bucket={bucket}");

        Assert.Equal(expected, string.Join(",", trend!.Select(p => $"{p.Period:yyyy-MM-dd}:{p.Complaints}")));
    }

    [Theory]
    [InlineData("line=Home%20appliances", "HA-0001:3,HA-0002:2")]
    [InlineData("product=EL-0001", "EL-0001:2")]
    [InlineData("status=resolved&line=Electronics", "EL-0001:1")]
    [InlineData("channel=email&segment=standard&country=", "EL-0001:2,HA-0001:3,HA-0002:2,XX-9999:1")]
    [InlineData("segment=vip", "")]
    public async Task Each_shared_filter_narrows_the_figures(string query, string expected)
    {
        var counts = await host.Http.GetFromJsonAsync<List<ProductCount>>($"/api/overview/complaints-per-product?{query}");

        Assert.Equal(expected, string.Join(",", counts!.OrderBy(c => c.Sku, StringComparer.Ordinal).Select(c => $"{c.Sku}:{c.Complaints}")));
    }

    [Theory]
    [InlineData("from=31.01.2024", "'from' must be a date written as yyyy-MM-dd")]
    [InlineData("from=2024-03-01&to=2024-02-01", "'from' (2024-03-01) is after 'to' (2024-02-01)")]
    public async Task A_bad_filter_is_answered_with_what_to_fix(string query, string expected)
    {
        var response = await host.Http.GetAsync($"/api/overview?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    private static void AssertWithin(double exact, double approximate, double? relativeError) =>
        Assert.True(Math.Abs(approximate - exact) <= (relativeError ?? 0) * exact + 1e-9, $"{approximate} is not within {relativeError:P2} of {exact}");
}

/// <summary>
/// The Overview streams: the frame with each figure's placeholder goes out first, the figures follow in the same response.
/// Figures kept since the last write are in the first render, so their charts need no streamed update.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OverviewStreamingTests(DashboardsHost host)
{
    // A period no other test asks for, so its figures are computed by this test's first request.
    private const string Page = "/?from=2001-02-03";

    [Fact]
    public async Task The_frame_comes_first_and_computed_figures_follow_in_the_same_response_while_kept_ones_are_in_the_first_render()
    {
        var computed = await ReadPageAsync();
        var placeholder = computed.IndexOf("Loading figures", StringComparison.Ordinal);
        var streamed = computed.IndexOf("<blazor-ssr>", StringComparison.Ordinal);
        Assert.True(placeholder >= 0, "the first render shows a placeholder");
        Assert.True(streamed > placeholder, "the figures arrive later in the stream");
        Assert.Contains("data-chart=\"complaints-per-product\"", computed[streamed..]);

        var kept = await ReadPageAsync();
        var chart = kept.IndexOf("data-chart=\"complaints-per-product\"", StringComparison.Ordinal);
        Assert.True(chart >= 0, "the chart is on the page");
        var firstUpdate = kept.IndexOf("<blazor-ssr>", StringComparison.Ordinal);
        Assert.True(firstUpdate < 0 || chart < firstUpdate, "a kept figure's chart is in the first render, before any streamed update");
    }

    private async Task<string> ReadPageAsync()
    {
        using var response = await host.Http.GetAsync(Page, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
