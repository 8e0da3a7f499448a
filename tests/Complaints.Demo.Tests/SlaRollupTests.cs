using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Rollups;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Complaints.Demo.Tests.OverviewRollupTests;

namespace Complaints.Demo.Tests;

/// <summary>
/// The SLA page answered from its rollup equals the page read from the facts: exactly for counts, lists and totals, and
/// within the sketches' stated error for medians, for any generator seed, every kind of filter the rollup covers, and
/// any instant after its cut (open complaints are judged when asked); and the rollup kept in step write by write equals
/// the rollup built whole.
/// </summary>
public sealed class SlaRollupTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 12, 1, 6, 0, 0, TimeSpan.Zero));

    private static readonly DateOnly LastDay = new(2025, 11, 30);

    private static readonly IOptions<ReportingOptions> Reporting = Options.Create(new ReportingOptions());

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(2026)]
    public async Task Every_SLA_figure_from_the_rollup_equals_the_one_from_the_facts_now_and_weeks_later(int seed)
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_500, seed, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        foreach (var (path, feed) in files.FeedsWithLayouts)
            Assert.Equal(LoadStatus.Loaded, (await warehouse.Loader().LoadAsync(path, feed, isDemo: true)).Status);

        // Weeks later, open complaints the data left undecided have run past their due instants: judged then, not at the cut.
        foreach (var clock in new[] { Time, new FakeTimeProvider(Time.GetUtcNow().AddDays(20)) })
        {
            var rollup = new SlaQueries(warehouse.Database, Reporting, clock);
            var facts = new SlaQueries(warehouse.Database, Reporting, clock, readRollup: false);
            foreach (var filter in Filters(warehouse.Database))
            {
                var rolled = await rollup.GetAsync(filter);
                var exact = await facts.GetAsync(filter);
                Assert.Equal(RollupFilter.SketchCovers(filter) ? HandlingSketch.RelativeError : null, rolled.MedianRelativeError);
                Assert.Null(exact.MedianRelativeError);
                AssertSameFigures(exact, rolled);
            }
        }

        // The open complaints are the ones kept one by one; most are counted.
        using var connection = warehouse.Database.OpenConnection();
        var (unsettled, settled) = connection.QueryList("SELECT (SELECT count(*) FROM sla_unsettled), (SELECT CAST(sum(complaints) AS BIGINT) FROM sla_daily)",
            r => (r.GetInt64(0), r.GetInt64(1))).Single();
        Assert.InRange(unsettled, 1, settled / 5);
    }

    [Fact]
    public async Task Figures_as_of_an_instant_before_the_cut_come_from_the_facts()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(800, 8, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        foreach (var (path, feed) in files.FeedsWithLayouts)
            await warehouse.Loader().LoadAsync(path, feed, isDemo: true);
        var earlier = Time.GetUtcNow().AddDays(-40);
        var rollup = new SlaQueries(warehouse.Database, Reporting, Time);
        var facts = new SlaQueries(warehouse.Database, Reporting, Time, readRollup: false);

        Assert.Equal(facts.Achievement(ComplaintFilter.All, earlier), rollup.Achievement(ComplaintFilter.All, earlier));
        Assert.Equal(facts.Backlog(ComplaintFilter.All, earlier), rollup.Backlog(ComplaintFilter.All, earlier));
        // Complaints closed since then are open at that instant, which the rollup (settled at its cut) could not say.
        Assert.NotEqual(facts.Backlog(ComplaintFilter.All, earlier), facts.Backlog(ComplaintFilter.All, Time.GetUtcNow()));
    }

    [Fact]
    public async Task The_rollup_kept_in_step_write_by_write_and_through_a_recalculation_equals_the_one_built_whole()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_000, 5, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        var loader = warehouse.Loader();
        foreach (var (path, feed) in files.FeedsWithLayouts.Where(f => f.Feed != FeedLayouts.Complaints && f.Feed != FeedLayouts.StatusEvents))
            await loader.LoadAsync(path, feed, isDemo: true);

        // Complaints in two deliveries; the second, a tenth (so its days are refreshed, not all built again), also corrects
        // three of the first's: another day of receipt, product and status.
        var lines = Records(File.ReadAllText(files.Complaints));
        var half = lines.Count * 9 / 10;
        var first = Path.Combine(directory.Path, "complaints-1.csv");
        var second = Path.Combine(directory.Path, "complaints-2.csv");
        File.WriteAllLines(first, lines[..half]);
        File.WriteAllLines(second, [lines[0], .. lines[1..4].Select(Corrected), .. lines[half..]]);
        Assert.Equal(LoadStatus.Loaded, (await loader.LoadAsync(first, FeedLayouts.Complaints, isDemo: true)).Status);
        var eventsRun = await loader.LoadAsync(files.StatusEvents, FeedLayouts.StatusEvents, isDemo: true);
        Assert.Equal(LoadStatus.Loaded, eventsRun.Status);
        var secondRun = await loader.LoadAsync(second, FeedLayouts.Complaints, isDemo: true);
        Assert.Equal(3, secondRun.RowsUpdated);
        var kept = Rollup(warehouse.Database);
        AssertSameRows(Rebuilt(warehouse.Database), kept);

        // Roll-backs take complaints away and give others back their earlier day, product and status.
        await warehouse.Rollback().RollBackAsync(secondRun.RunId, "test");
        // Only the roll-back's days are built again here (every day after the events' roll-back below).
        var afterFirstRollBack = Rollup(warehouse.Database);
        AssertSameRows(Rebuilt(warehouse.Database), afterFirstRollBack);
        await warehouse.Rollback().RollBackAsync(eventsRun.RunId, "test");
        var afterRollBacks = Rollup(warehouse.Database);
        Assert.NotEqual(kept, afterRollBacks);
        AssertSameRows(Rebuilt(warehouse.Database), afterRollBacks);

        // A recalculation with a shorter statutory deadline judges every complaint again, and the rollup follows.
        var shorter = new SlaMeasures(Options.Create(new SlaOptions { Statutory = { LengthInDays = 7 } }), Reporting, Time);
        await shorter.RecalculateAllAsync(warehouse.Database, "test");
        var afterRecalculation = Rollup(warehouse.Database);
        Assert.NotEqual(afterRollBacks, afterRecalculation);
        AssertSameRows(Rebuilt(warehouse.Database), afterRecalculation);
    }

    private static void AssertSameFigures(SlaFigures exact, SlaFigures rolled)
    {
        Assert.Equal(exact.Achievement, rolled.Achievement);
        Assert.Equal(exact.BreachesByProductLine, rolled.BreachesByProductLine);
        Assert.Equal(exact.BreachesByChannel, rolled.BreachesByChannel);
        Assert.Equal(exact.BreachesBySegment, rolled.BreachesBySegment);
        Assert.Equal(exact.BreachesByTeam, rolled.BreachesByTeam);
        Assert.Equal(exact.Backlog, rolled.Backlog);
        Assert.Equal(exact.DueSoon, rolled.DueSoon);

        var error = rolled.MedianRelativeError;
        Assert.Equal(exact.HandlingTimePerProduct.Select(p => (p.Sku, p.Name, p.ProductLine, p.Resolved)).Order(),
            rolled.HandlingTimePerProduct.Select(p => (p.Sku, p.Name, p.ProductLine, p.Resolved)).Order());
        foreach (var product in exact.HandlingTimePerProduct)
        {
            var approximate = rolled.HandlingTimePerProduct.Single(p => p.Sku == product.Sku);
            AssertWithin(product.MedianDays, approximate.MedianDays, error);
            AssertWithin(product.P90Days, approximate.P90Days, error);
            Assert.Equal(product.MedianBusinessHours is null, approximate.MedianBusinessHours is null);
            if (product.MedianBusinessHours is { } hours)
                AssertWithin(hours, approximate.MedianBusinessHours!.Value, error);
        }
        Assert.Equal(exact.TimePerStatus.Select(s => (s.Status, s.Intervals)), rolled.TimePerStatus.Select(s => (s.Status, s.Intervals)));
        foreach (var (status, approximate) in exact.TimePerStatus.Zip(rolled.TimePerStatus))
        {
            Assert.Equal(status.TotalHours, approximate.TotalHours, 6);
            AssertWithin(status.MedianHours, approximate.MedianHours, error);
        }
    }

    private static List<string> Rollup(WarehouseDatabase warehouse) =>
        Rows(warehouse, "sla_daily", "sla_unsettled", "business_hours_sketch", "status_time_sketch");

    /// <summary>The rollup built whole from the facts as they are (in place: it then equals what was kept, or the test fails).</summary>
    private static List<string> Rebuilt(WarehouseDatabase warehouse)
    {
        using (var connection = warehouse.OpenConnection())
            connection.Execute("DELETE FROM sla_rollup_state");
        new SlaRollup(Reporting, Time, NullLogger<SlaRollup>.Instance).EnsureCurrentAsync(warehouse).GetAwaiter().GetResult();
        return Rollup(warehouse);
    }
}
