using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Tests.Costs;

/// <summary>The cost rollup follows every load that can change a converted amount, and the configured rates at start-up.</summary>
public sealed class CostRollupTests : IDisposable
{
    private TempWarehouse _warehouse = null!;

    public void Dispose() => _warehouse?.Dispose();

    /// <summary>A warehouse whose writer gate converts EUR at the configured <paramref name="eur"/> rate (none when null).</summary>
    private async Task WithRate(decimal? eur) => _warehouse = await TempWarehouse.CreateAsync(reporting: Reporting(eur));

    private static ReportingOptions Reporting(decimal? eur) => new() { ExchangeRates = eur is { } rate ? new() { ["EUR"] = rate } : [] };

    private static CostRollup Rollup(decimal? eur) => new(Options.Create(Reporting(eur)), TimeProvider.System, NullLogger<CostRollup>.Instance);

    private async Task Load(FeedLayout feed)
    {
        var loader = _warehouse.Loader();
        var csv = SlaFixture.Files().Concat(CostFeedbackFixture.Files()).Single(f => f.Feed == feed).Csv;
        var result = await loader.LoadAsync(_warehouse.WriteFile(feed.Name + ".csv", csv), feed);
        Assert.Equal(LoadStatus.Loaded, result.Status);
    }

    private Dictionary<string, decimal?> Converted()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.QueryList("SELECT external_id, amount_reporting FROM cost_lines", r => (r.GetString(0), r.IsDBNull(1) ? (decimal?)null : r.GetDecimal(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);
    }

    [Fact]
    public async Task A_cost_in_EUR_takes_its_months_rate_even_when_the_rates_arrive_after_the_costs()
    {
        await WithRate(4.30m);
        await Load(FeedLayouts.Complaints);
        await Load(FeedLayouts.Costs);
        var before = Converted();
        await Load(FeedLayouts.ExchangeRates);
        var after = Converted();

        // 300.00 EUR booked 12 March 2025: at the configured 4.30 before March's rate arrived, at March's 4.20 after.
        Assert.Equal(1290.00m, before["K3"]);
        Assert.Equal(1260.00m, after["K3"]);
        // April has no feed rate: still the configured one. USD has no rate at all: kept, unconverted.
        Assert.Equal(344.00m, after["K5"]);
        Assert.True(after.ContainsKey("K6") && after["K6"] is null);
        Assert.Equal(CostFeedbackFixture.Costs.ToDictionary(c => c.Id, CostFeedbackFixture.InPln), after);
    }

    [Fact]
    public async Task Costs_that_arrive_before_their_complaint_are_rolled_up_when_it_loads()
    {
        await WithRate(4.30m);
        await Load(FeedLayouts.Costs);
        var orphaned = Converted().Count;
        await Load(FeedLayouts.Complaints);

        Assert.Equal(0, orphaned);
        Assert.Equal(CostFeedbackFixture.Costs.Count, Converted().Count);
    }

    [Fact]
    public async Task A_changed_configured_rate_rebuilds_the_rollup_at_start_up()
    {
        await WithRate(null);
        await Load(FeedLayouts.Complaints);
        await Load(FeedLayouts.Costs);
        var unconfigured = Converted()["K5"];

        var rebuilt = await Rollup(4.50m).EnsureCurrentAsync(_warehouse.Database);
        var again = await Rollup(4.50m).EnsureCurrentAsync(_warehouse.Database);

        Assert.Null(unconfigured);
        Assert.True(rebuilt);
        Assert.False(again);
        Assert.Equal(360.00m, Converted()["K5"]);
        using var connection = _warehouse.Database.OpenConnection();
        var audit = Complaints.Warehouse.Audit.AuditLog.Read(connection).Single(e => e.Action == "cost_rollup.rebuilt");
        Assert.Contains("EUR=4.50", audit.AfterJson);
    }
}
