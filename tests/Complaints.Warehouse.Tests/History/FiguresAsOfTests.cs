using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.History;
using Complaints.Warehouse.Overview;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Warehouse.Tests.History;

/// <summary>Figures as of a past instant reproduce what the warehouse showed then, whatever was loaded or rolled back since.</summary>
public sealed class FiguresAsOfTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstLoad = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(FirstLoad);
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;
    private HistoryQueries _history = null!;
    private OverviewQueries _overview = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time);
        _loader = _warehouse.Loader();
        var reporting = Options.Create(new ReportingOptions());
        _history = new HistoryQueries(_warehouse.Database, reporting);
        _overview = new OverviewQueries(_warehouse.Database, reporting);
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, long> Counts(IEnumerable<ProductCount> products) => products.ToDictionary(p => p.Sku, p => p.Complaints);

    private Dictionary<string, long> AsOf(DateTimeOffset instant, ComplaintFilter? filter = null) =>
        Counts(_history.ComplaintsPerProduct(instant, filter ?? ComplaintFilter.All).Products);

    /// <summary>C1 moves from HA-0001 to HA-0002 and is resolved; C9 is new, on EL-0001.</summary>
    private static string UpdateFile() => CanonicalCsv.Write(FeedLayouts.Complaints,
        new Dictionary<string, string>
        {
            ["source"] = OverviewFixture.Source, ["external_id"] = "C1", ["updated_at"] = "2024-03-02T10:00:00+01:00",
            ["received_at"] = "2024-01-10T09:00:00+01:00", ["status"] = "closed", ["product_sku"] = "HA-0002",
        },
        new Dictionary<string, string>
        {
            ["source"] = OverviewFixture.Source, ["external_id"] = "C9", ["updated_at"] = "2024-03-02T10:00:00+01:00",
            ["received_at"] = "2024-03-02T10:00:00+01:00", ["status"] = "new", ["product_sku"] = "EL-0001",
        });

    [Fact]
    public async Task Figures_as_of_a_moment_between_two_loads_equal_what_the_first_load_showed()
    {
        await _loader.LoadAsync(_warehouse.WriteFile("products.csv", OverviewFixture.Csv(FeedLayouts.Products)), FeedLayouts.Products);
        await _loader.LoadAsync(_warehouse.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints)), FeedLayouts.Complaints);
        var noted = Counts(_overview.ComplaintsPerProduct(ComplaintFilter.All));
        var notedResolved = Counts(_overview.ComplaintsPerProduct(ComplaintFilter.All with { Status = "resolved" }));

        _time.Advance(TimeSpan.FromDays(1));
        var between = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromDays(1));
        var update = await _loader.LoadAsync(_warehouse.WriteFile("update.csv", UpdateFile()), FeedLayouts.Complaints);
        Assert.Equal((1L, 1L), (update.RowsInserted, update.RowsUpdated));

        Assert.Equal(OverviewFixture.ComplaintsPerProduct, noted); // hand-checked: HA-0001 3, HA-0002 2, EL-0001 2, XX-9999 1
        Assert.Equal(noted, AsOf(between));
        Assert.Equal(notedResolved, AsOf(between, ComplaintFilter.All with { Status = "resolved" }));
        Assert.Empty(AsOf(FirstLoad.AddTicks(-10))); // before anything finished loading
        var now = new Dictionary<string, long> { ["HA-0001"] = 2, ["HA-0002"] = 3, ["EL-0001"] = 3, ["XX-9999"] = 1 };
        Assert.Equal(now, AsOf(_time.GetUtcNow()));
        Assert.Equal(now, Counts(_overview.ComplaintsPerProduct(ComplaintFilter.All)));
    }

    [Fact]
    public async Task A_rolled_back_run_never_counts_as_of_any_moment()
    {
        await _loader.LoadAsync(_warehouse.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints)), FeedLayouts.Complaints);
        _time.Advance(TimeSpan.FromDays(1));
        var update = await _loader.LoadAsync(_warehouse.WriteFile("update.csv", UpdateFile()), FeedLayouts.Complaints);
        var whileLoaded = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromDays(1));

        await _warehouse.Rollback().RollBackAsync(update.RunId, "test");

        Assert.Equal(OverviewFixture.ComplaintsPerProduct, AsOf(whileLoaded));
        Assert.Equal(OverviewFixture.ComplaintsPerProduct, AsOf(_time.GetUtcNow()));
    }
}
