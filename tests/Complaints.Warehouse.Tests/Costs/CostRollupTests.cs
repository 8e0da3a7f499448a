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

    [Fact]
    public async Task A_later_delivery_builds_again_only_its_complaints_and_leaves_the_tables_as_a_whole_rebuild_would()
    {
        await WithRate(4.30m);
        await Load(FeedLayouts.Complaints);
        await Load(FeedLayouts.Costs);
        // K2 moves from E1 to E3 at a new amount (its old complaint is named only by the version it replaced); K9 is new.
        var delivery = CanonicalCsv.Write(FeedLayouts.Costs, [Cost("K2", "E3", "55.00", "EUR", "2025-05-07"), Cost("K9", "E2", "12.34", "PLN", "2025-06-01")]);
        var result = await _warehouse.Loader().LoadAsync(_warehouse.WriteFile("costs-2.csv", delivery), FeedLayouts.Costs);
        Assert.Equal(LoadStatus.Loaded, result.Status);

        var refreshed = RollupRows();
        using (var connection = _warehouse.Database.OpenConnection())
        using (var transaction = connection.BeginTransaction())
        {
            Rollup(4.30m).Rebuild(connection);
            var rebuilt = RollupRows(connection);
            Assert.Equal(rebuilt.Lines, refreshed.Lines);
            Assert.Equal(rebuilt.Complaints, refreshed.Complaints);
        }
        // No monthly rates are loaded here, so EUR is at the configured 4.30.
        Assert.Contains("E1|1|100.00|0", refreshed.Complaints);  // K1 alone is left on E1
        Assert.Contains("E3|2|303.37|0", refreshed.Complaints);  // K4 15.55 EUR = 66.87, and K2 55 EUR = 236.50
    }

    private static Dictionary<string, string> Cost(string id, string complaint, string amount, string currency, string booked) => new()
    {
        ["source"] = "erp", ["external_id"] = id, ["complaint_source"] = SlaFixture.Source, ["complaint_id"] = complaint, ["cost_type"] = "repair",
        ["amount"] = amount, ["currency"] = currency, ["booked_on"] = booked, ["updated_at"] = "2025-07-01T12:00:00Z",
    };

    private (List<string> Lines, List<string> Complaints) RollupRows()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return RollupRows(connection);
    }

    /// <summary>Every row of both tables as text, complaints named by their external id.</summary>
    private static (List<string> Lines, List<string> Complaints) RollupRows(DuckDB.NET.Data.DuckDBConnection connection) => (
        connection.QueryList("""
            SELECT concat_ws('|', l.external_id, c.external_id, l.cost_type, l.booked_month, l.currency, l.amount, l.rate, l.rate_source, l.amount_reporting)
            FROM cost_lines l JOIN complaints c USING (complaint_key) ORDER BY 1
            """, r => r.GetString(0)),
        connection.QueryList("""
            SELECT concat_ws('|', c.external_id, k.costs, k.amount, k.unconverted)
            FROM complaint_costs k JOIN complaints c USING (complaint_key) ORDER BY 1
            """, r => r.GetString(0)));
}
