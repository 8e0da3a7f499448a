using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Ingest.Tests.Loading;

/// <summary>Rolling back a run: its new rows go, the versions it replaced come back, and later runs go first.</summary>
public sealed class RunRollbackTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;
    private RunRollback _rollback = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time);
        _loader = _warehouse.Loader();
        _rollback = _warehouse.Rollback();
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, string> Complaint(string id, string updated, string status, string segment, string? resolved = null) => new()
    {
        ["source"] = "crm", ["external_id"] = id, ["updated_at"] = updated, ["received_at"] = "2024-02-01T09:00:00+01:00",
        ["resolved_at"] = resolved ?? "", ["status"] = status, ["product_sku"] = "HA-0001",
        ["customer_id"] = "K-" + id, ["customer_segment"] = segment, ["customer_name"] = "Name " + segment,
    };

    private static Dictionary<string, string> Cost(string id, string complaint, string amount, string updated) => new()
    {
        ["source"] = "erp", ["external_id"] = id, ["complaint_source"] = "crm", ["complaint_id"] = complaint, ["cost_type"] = "repair",
        ["amount"] = amount, ["currency"] = "PLN", ["booked_on"] = "2024-02-10", ["updated_at"] = updated,
    };

    private async Task<LoadResult> Load(string name, FeedLayout feed, params Dictionary<string, string>[] rows)
    {
        _time.Advance(TimeSpan.FromHours(1));
        var result = await _loader.LoadAsync(_warehouse.WriteFile(name, CanonicalCsv.Write(feed, rows)), feed);
        Assert.Equal(LoadStatus.Loaded, result.Status);
        return result;
    }

    /// <summary>First file: C1 new (standard customer), C2 new. Second file: C1 resolved (customer now vip), C3 new.</summary>
    private async Task<(LoadResult First, LoadResult Second)> LoadTwoComplaintFiles()
    {
        var first = await Load("first.csv", FeedLayouts.Complaints,
            Complaint("C1", "2024-02-01T09:00:00+01:00", "new", "standard"),
            Complaint("C2", "2024-02-01T09:00:00+01:00", "new", "standard"));
        var second = await Load("second.csv", FeedLayouts.Complaints,
            Complaint("C1", "2024-02-05T09:00:00+01:00", "resolved", "vip", resolved: "2024-02-05T09:00:00+01:00"),
            Complaint("C3", "2024-02-05T09:00:00+01:00", "new", "standard"));
        return (first, second);
    }

    private List<string> Complaints()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.QueryList("SELECT external_id || ':' || status || ':' || run_id FROM complaints ORDER BY external_id", r => r.GetString(0));
    }

    [Fact]
    public async Task Rolling_back_an_update_removes_its_new_rows_and_restores_what_it_replaced()
    {
        var (first, second) = await LoadTwoComplaintFiles();

        var result = await _rollback.RollBackAsync(second.RunId, "admin key");

        Assert.Equal((1L, 1L), (result.RowsRemoved, result.RowsRestored)); // C3 removed, C1's first version restored
        Assert.Equal([$"C1:new:{first.RunId}", $"C2:new:{first.RunId}"], Complaints());
        Assert.Equal(0, _warehouse.Count("complaint_versions"));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("standard", connection.Scalar<string>("SELECT segment FROM customers WHERE customer_id = 'K-C1'"));
        Assert.Equal("Name standard", connection.Scalar<string>("SELECT name FROM customer_personal WHERE customer_id = 'K-C1'"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM customers WHERE customer_id = 'K-C3'"));
        Assert.Equal(0, _warehouse.Count("customers_versions") + _warehouse.Count("customer_personal_versions"));
        // SLA measures follow: C1 is unresolved again, C3 has none.
        Assert.Equal(2, _warehouse.Count("complaint_sla"));
        Assert.True(connection.Scalar<bool>("SELECT statutory_met IS NULL FROM complaint_sla s JOIN complaints c USING (complaint_key) WHERE c.external_id = 'C1'"));
        Assert.Equal("rolled_back", connection.Scalar<string>("SELECT status FROM ingest_runs WHERE run_id = $id", ("id", second.RunId)));
        var audit = AuditLog.Read(connection).Last();
        Assert.Equal(("admin key", RunRollback.AuditAction, $"ingest_runs/{second.RunId}"), (audit.Actor, audit.Action, audit.Subject));
        Assert.Contains("\"rowsRemoved\":1", audit.AfterJson);
        Assert.Null(AuditLog.Verify(connection));
    }

    [Fact]
    public async Task A_file_delivered_again_after_its_run_was_rolled_back_loads_again()
    {
        var (_, second) = await LoadTwoComplaintFiles();
        await _rollback.RollBackAsync(second.RunId, "admin key");

        _time.Advance(TimeSpan.FromHours(1));
        var again = await _loader.LoadAsync(Path.Combine(_warehouse.Directory, "second.csv"), FeedLayouts.Complaints);

        Assert.Equal((LoadStatus.Loaded, 1L, 1L), (again.Status, again.RowsInserted, again.RowsUpdated));
        Assert.Equal([$"C1:resolved:{again.RunId}", $"C2:new:{second.RunId - 1}", $"C3:new:{again.RunId}"], Complaints());
    }

    [Fact]
    public async Task A_run_whose_records_a_later_run_changed_is_refused_until_the_later_one_is_rolled_back()
    {
        var (first, second) = await LoadTwoComplaintFiles();
        var auditBefore = _warehouse.Count("audit_log");

        var refused = await Assert.ThrowsAsync<RollbackRefusedException>(() => _rollback.RollBackAsync(first.RunId, "admin key"));

        Assert.Equal($"Run {first.RunId} (first.csv) cannot be rolled back: later runs changed the same complaints records since — run {second.RunId} (1 record). " +
                     $"Roll back run {second.RunId} first, then run {first.RunId}.", refused.Message);
        Assert.Equal([$"C1:resolved:{second.RunId}", $"C2:new:{first.RunId}", $"C3:new:{second.RunId}"], Complaints());
        Assert.Equal(auditBefore, _warehouse.Count("audit_log"));

        await _rollback.RollBackAsync(second.RunId, "admin key");
        var result = await _rollback.RollBackAsync(first.RunId, "admin key");

        Assert.Equal((2L, 0L), (result.RowsRemoved, result.RowsRestored));
        Assert.Empty(Complaints());
        Assert.Equal(0, _warehouse.Count("customers") + _warehouse.Count("customer_personal") + _warehouse.Count("complaint_sla"));
    }

    [Fact]
    public async Task A_customer_named_again_by_a_later_file_keeps_the_later_values_when_the_earlier_run_goes()
    {
        var first = await Load("first.csv", FeedLayouts.Complaints, Complaint("C1", "2024-02-01T09:00:00+01:00", "new", "standard"));
        var c2 = Complaint("C2", "2024-02-03T09:00:00+01:00", "new", "business");
        c2["customer_id"] = "K-C1"; // the same customer, newer record
        var second = await Load("second.csv", FeedLayouts.Complaints, c2);

        await _rollback.RollBackAsync(first.RunId, "admin key");

        Assert.Equal([$"C2:new:{second.RunId}"], Complaints());
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("business", connection.Scalar<string>("SELECT segment FROM customers WHERE customer_id = 'K-C1'"));
        Assert.Equal(0, _warehouse.Count("customers_versions"));

        await _rollback.RollBackAsync(second.RunId, "admin key");
        Assert.Equal(0, _warehouse.Count("customers"));
    }

    [Fact]
    public async Task Rolling_back_a_cost_file_restores_the_earlier_amount_and_removes_new_costs()
    {
        await Load("complaints.csv", FeedLayouts.Complaints, Complaint("C1", "2024-02-01T09:00:00+01:00", "new", "standard"));
        await Load("costs1.csv", FeedLayouts.Costs, Cost("K1", "C1", "10.00", "2024-02-10T09:00:00+01:00"));
        var second = await Load("costs2.csv", FeedLayouts.Costs,
            Cost("K1", "C1", "12.50", "2024-02-11T09:00:00+01:00"), Cost("K2", "C1", "7.00", "2024-02-11T09:00:00+01:00"));
        using (var updated = _warehouse.Database.OpenConnection()) // one row per key: no index guards it (migration 0010)
            Assert.Equal("K1:12.50,K2:7.00", updated.Scalar<string>("SELECT string_agg(external_id || ':' || amount, ',' ORDER BY external_id) FROM costs"));

        var result = await _rollback.RollBackAsync(second.RunId, "admin key");

        Assert.Equal((1L, 1L), (result.RowsRemoved, result.RowsRestored));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("K1:10.00", connection.Scalar<string>("SELECT string_agg(external_id || ':' || amount, ',') FROM costs"));
        Assert.Equal(0, _warehouse.Count("costs_versions"));
    }

    [Fact]
    public async Task Costs_of_a_complaint_whose_run_was_rolled_back_wait_for_it_and_link_when_it_comes_again()
    {
        var complaints = await Load("complaints.csv", FeedLayouts.Complaints, Complaint("C1", "2024-02-01T09:00:00+01:00", "new", "standard"));
        await Load("costs.csv", FeedLayouts.Costs, Cost("K1", "C1", "10.00", "2024-02-10T09:00:00+01:00"));

        await _rollback.RollBackAsync(complaints.RunId, "admin key");
        using (var connection = _warehouse.Database.OpenConnection())
            Assert.True(connection.Scalar<bool>("SELECT complaint_key IS NULL FROM costs WHERE external_id = 'K1'"));

        _time.Advance(TimeSpan.FromHours(1));
        await _loader.LoadAsync(Path.Combine(_warehouse.Directory, "complaints.csv"), FeedLayouts.Complaints);
        using (var connection = _warehouse.Database.OpenConnection())
            Assert.Equal(1, connection.Scalar<long>("SELECT count(*) FROM costs JOIN complaints USING (complaint_key) WHERE costs.external_id = 'K1'"));
    }

    [Fact]
    public async Task Runs_that_stored_nothing_or_do_not_exist_are_refused_with_the_reason()
    {
        var loaded = await Load("complaints.csv", FeedLayouts.Complaints, Complaint("C1", "2024-02-01T09:00:00+01:00", "new", "standard"));
        var unchanged = await _loader.LoadAsync(Path.Combine(_warehouse.Directory, "complaints.csv"), FeedLayouts.Complaints);
        await _rollback.RollBackAsync(loaded.RunId, "admin key");

        var twice = await Assert.ThrowsAsync<RollbackRefusedException>(() => _rollback.RollBackAsync(loaded.RunId, "admin key"));
        var redelivery = await Assert.ThrowsAsync<RollbackRefusedException>(() => _rollback.RollBackAsync(unchanged.RunId, "admin key"));
        var unknown = await Assert.ThrowsAsync<RollbackRefusedException>(() => _rollback.RollBackAsync(999, "admin key"));

        Assert.Contains("has been rolled back already", twice.Message);
        Assert.Contains("stored nothing: it was a re-delivery", redelivery.Message);
        Assert.True(unknown.UnknownRun);
    }
}
