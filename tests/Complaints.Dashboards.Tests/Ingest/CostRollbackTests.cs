using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Overview;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.Dashboards.Tests.Ingest;

/// <summary>The real host over an empty warehouse, taking uploads of every money feed and roll-backs.</summary>
public sealed class CostRollbackHost : IAsyncLifetime
{
    public const string Key = "test-key-for-cost-rollbacks-0123";

    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        (_factory, var address) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Reporting:ExchangeRates:EUR"] = CostFeedbackFixture.ConfiguredEurRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:ApiKeys:complaints"] = Key, ["Ingest:ApiKeys:costs"] = Key, ["Ingest:ApiKeys:exchange_rates"] = Key,
        });
        Http = TestApp.Client(address);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}

/// <summary>
/// Rolling back a run of each feed that carries money takes its effect off the figures: <c>/api/costs</c> and the Overview
/// are checked against amounts worked out here from the fixture, not only the fact tables.
/// </summary>
public sealed class CostRollbackTests(CostRollbackHost host) : IClassFixture<CostRollbackHost>
{
    /// <summary>The fixture's converted total: with the exchange-rates feed's monthly EUR rates, or with the configured rate alone.</summary>
    private static decimal Expected(bool withRateFeed) => CostFeedbackFixture.Costs.Sum(c => c.Currency switch
    {
        "PLN" => c.Amount,
        "EUR" => withRateFeed ? CostFeedbackFixture.InPln(c)!.Value : Math.Round(c.Amount * CostFeedbackFixture.ConfiguredEurRate, 2, MidpointRounding.AwayFromZero),
        _ => 0m,
    });

    private async Task<LoadResult> Upload(FeedLayout feed)
    {
        var csv = SlaFixture.Files().Concat(CostFeedbackFixture.Files()).First(f => f.Feed == feed).Csv;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{feed.Name}?fileName={feed.Name}.csv") { Content = new StringContent(csv) };
        request.Headers.Add("X-Api-Key", CostRollbackHost.Key);
        var response = await host.Http.SendAsync(request);
        var result = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        Assert.True(result.Status == LoadStatus.Loaded, $"{feed.Name}: {result.Status} {result.Error}");
        return result;
    }

    private async Task RollBack(LoadResult run)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/runs/{run.RunId}/rollback");
        var response = await host.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The cost total as the Costs API, the Overview's tile and the Overview's cost per product each report it, and the bookings counted.</summary>
    private async Task<(decimal Costs, decimal Tile, decimal PerProduct, long Bookings)> Figures()
    {
        var costs = (await host.Http.GetFromJsonAsync<CostFigures>("/api/costs"))!;
        var overview = (await host.Http.GetFromJsonAsync<OverviewFigures>("/api/overview"))!;
        return (costs.Summary.Amount, overview.Kpis.Current.Cost, overview.CostPerProduct.Total, costs.Summary.Costs);
    }

    [Fact]
    public async Task Rolling_back_exchange_rates_costs_or_complaints_takes_their_money_off_every_figure()
    {
        var configured = Expected(withRateFeed: false);
        var withRates = Expected(withRateFeed: true);
        var bookings = CostFeedbackFixture.Costs.Count;
        Assert.NotEqual(configured, withRates); // the rates feed changes the total, so its roll-back can be seen

        var complaints = await Upload(FeedLayouts.Complaints);
        var costs = await Upload(FeedLayouts.Costs);
        var loadedCosts = await Figures();
        var rates = await Upload(FeedLayouts.ExchangeRates);
        var loadedRates = await Figures();
        await RollBack(rates);
        var ratesRolledBack = await Figures();
        await RollBack(costs);
        var costsRolledBack = await Figures();
        var costsAgain = await Upload(FeedLayouts.Costs);
        var reloaded = await Figures();
        await RollBack(complaints);
        var complaintsRolledBack = await Figures();

        Assert.Equal((configured, configured, configured, bookings), loadedCosts);
        Assert.Equal((withRates, withRates, withRates, bookings), loadedRates);
        Assert.Equal((configured, configured, configured, bookings), ratesRolledBack);
        Assert.Equal((0m, 0m, 0m, 0L), costsRolledBack);
        Assert.NotEqual(costs.RunId, costsAgain.RunId);
        Assert.Equal((configured, configured, configured, bookings), reloaded);
        // The costs stay stored, waiting for their complaints, but no figure counts them without one.
        Assert.Equal((0m, 0m, 0m, 0L), complaintsRolledBack);
    }
}
