using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Writes;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Ingest.Tests.Loading;

/// <summary>
/// Loads and roll-backs are announced by the writer gate, and by then what is derived from them is stored: whoever
/// hears of a load reads its SLA measures and converted costs, never the figures from before it.
/// </summary>
public sealed class LoadAnnouncementTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SlaFixture.AsOf);
    private readonly List<(WarehouseChange Change, long Measured, long Pending, long CostLines)> _heard = [];
    private TempWarehouse _warehouse = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time, SlaFixture.Options());
        _warehouse.Database.Changed += change =>
            _heard.Add((change, _warehouse.Count("complaint_sla"), _warehouse.Count("sla_pending"), _warehouse.Count("cost_lines")));
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private Task<LoadResult> Load(FeedLayout feed) =>
        _warehouse.Loader().LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", SlaFixture.Files().Concat(CostFeedbackFixture.Files()).First(f => f.Feed == feed).Csv), feed);

    [Fact]
    public async Task A_load_is_announced_with_its_feed_and_run_once_its_SLA_measures_and_converted_costs_are_stored()
    {
        var complaints = await Load(FeedLayouts.Complaints);
        var costs = await Load(FeedLayouts.Costs);

        Assert.Equal([WarehouseChange.Load("complaints", complaints.RunId), WarehouseChange.Load("costs", costs.RunId)], _heard.Select(h => h.Change));
        Assert.Equal((SlaFixture.Complaints.Count, 0L), (_heard[0].Measured, _heard[0].Pending));
        Assert.Equal(CostFeedbackFixture.Costs.Count, _heard[1].CostLines);
    }

    [Fact]
    public async Task A_roll_back_is_announced_with_the_complaints_it_changed_and_their_measures_gone_with_them()
    {
        var complaints = await Load(FeedLayouts.Complaints);
        List<long> keys;
        using (var connection = _warehouse.Database.OpenConnection())
            keys = connection.QueryList("SELECT complaint_key FROM complaints ORDER BY 1", r => r.GetInt64(0));

        await _warehouse.Rollback().RollBackAsync(complaints.RunId, "test");

        var (change, measured, _, _) = _heard.Last();
        Assert.Equal((ChangeKind.Rollback, "complaints", complaints.RunId), (change.Kind, change.Feed, change.RunId));
        Assert.Equal(keys, change.ComplaintKeys!.Order());
        Assert.Equal(0, measured);
    }

    [Fact]
    public async Task The_same_file_again_is_announced_as_a_write_that_changed_no_feed()
    {
        await Load(FeedLayouts.Complaints);
        var again = await Load(FeedLayouts.Complaints);

        Assert.Equal(LoadStatus.Unchanged, again.Status);
        Assert.Equal(WarehouseChange.Other, _heard.Last().Change);
    }
}
