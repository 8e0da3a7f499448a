using Complaints.Demo;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Rollups;
using Microsoft.Extensions.Time.Testing;
using static Complaints.Demo.Tests.OverviewRollupTests;

namespace Complaints.Demo.Tests;

/// <summary>
/// A first load builds what is derived from its feeds once, at its end: the SLA measures are taken once, the rollups are
/// out of date (pages read the facts) until then, and it ends with the same tables as the feeds loaded one by one.
/// </summary>
public sealed class FirstLoadTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 12, 1, 6, 0, 0, TimeSpan.Zero));

    private static readonly ReportingOptions Reporting = new();

    private static readonly string[] DerivedTables =
        ["status_intervals", "cost_lines", "complaint_costs", "complaint_daily", "handling_sketch", "sla_daily", "sla_unsettled", "business_hours_sketch", "status_time_sketch"];

    [Fact]
    public async Task A_first_load_measures_once_and_ends_with_the_tables_the_feeds_loaded_one_by_one_give()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_000, 11, new DateOnly(2025, 11, 30)));
        using var oneByOne = await TempWarehouse.CreateAsync(Time);
        foreach (var (path, feed) in files.FeedsWithLayouts)
            Assert.Equal(LoadStatus.Loaded, (await oneByOne.Loader().LoadAsync(path, feed, isDemo: true)).Status);

        using var first = await TempWarehouse.CreateAsync(Time);
        var rollupsCurrentBetweenFeeds = new List<bool>();
        var built = await first.Database.FirstLoadAsync(async () =>
        {
            foreach (var (path, feed) in files.FeedsWithLayouts)
            {
                Assert.Equal(LoadStatus.Loaded, (await first.Loader().LoadAsync(path, feed, isDemo: true)).Status);
                using var connection = first.Database.OpenConnection();
                rollupsCurrentBetweenFeeds.Add(ComplaintRollup.IsCurrent(connection, Reporting) || SlaRollup.IsCurrent(connection, Reporting));
            }
        });

        Assert.DoesNotContain(true, rollupsCurrentBetweenFeeds);
        Assert.Equal(["SlaMeasures", "CostRollup", "ComplaintRollup", "SlaRollup"], built.Select(b => b.Part));
        using (var connection = first.Database.OpenConnection())
        {
            Assert.True(ComplaintRollup.IsCurrent(connection, Reporting) && SlaRollup.IsCurrent(connection, Reporting));
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM sla_pending"));
            // Measured once: no measure was replaced, where the feeds one by one measure complaints again with their events.
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaint_sla_versions"));
        }
        using (var connection = oneByOne.Database.OpenConnection())
            Assert.True(connection.Scalar<long>("SELECT count(*) FROM complaint_sla_versions") > 0);
        AssertSameRows(Measures(oneByOne.Database), Measures(first.Database));
        AssertSameRows(Rows(oneByOne.Database, DerivedTables), Rows(first.Database, DerivedTables));
    }

    /// <summary>Every complaint's SLA measures but the run that took them (the first load's last, one by one each feed's).</summary>
    private static List<string> Measures(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("SELECT CAST(COLUMNS(* EXCLUDE (computed_by_run)) AS VARCHAR) FROM complaint_sla ORDER BY ALL",
            r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : r.GetString(i))));
    }
}
