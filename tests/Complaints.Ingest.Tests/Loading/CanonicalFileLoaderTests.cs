using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Ingest.Tests.Loading;

public sealed class CanonicalFileLoaderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time);
        _loader = _warehouse.Loader();
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<LoadResult>> LoadFixture()
    {
        var results = new List<LoadResult>();
        foreach (var (feed, csv) in OverviewFixture.Files())
            results.Add(await _loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed));
        return results;
    }

    private Dictionary<string, long> TableCounts() =>
        new[] { "products", "complaints", "complaint_versions", "costs", "customers", "customer_personal" }.ToDictionary(t => t, _warehouse.Count);

    [Fact]
    public async Task Every_run_loaded_unchanged_or_rejected_is_in_the_audit_log_by_its_id_and_the_files_digest()
    {
        var loaded = await LoadFixture();
        var again = await _loader.LoadAsync(_warehouse.WriteFile("complaints-again.csv", OverviewFixture.Csv(FeedLayouts.Complaints)), FeedLayouts.Complaints);
        var rejected = await _loader.LoadAsync(_warehouse.WriteFile("broken.csv", "not,a,complaints,header\n1,2,3,4\n"), FeedLayouts.Complaints);

        using var connection = _warehouse.Database.OpenConnection();
        var entries = Complaints.Warehouse.Audit.AuditLog.Read(connection).Where(e => e.Action.StartsWith("ingest.run.", StringComparison.Ordinal)).ToList();
        Assert.Equal(loaded.Select(r => $"ingest_runs/{r.RunId}").Append($"ingest_runs/{again.RunId}").Append($"ingest_runs/{rejected.RunId}"), entries.Select(e => e.Subject));
        Assert.Equal(["ingest.run.loaded", "ingest.run.unchanged", "ingest.run.rejected"], entries.Select(e => e.Action).Distinct());
        var complaints = entries[1];
        Assert.Contains("\"feed\":\"complaints\"", complaints.AfterJson);
        Assert.Contains("\"rowsInserted\":8", complaints.AfterJson);
        Assert.Contains("\"sha256\":\"", complaints.AfterJson);
        Assert.DoesNotContain("@", string.Concat(entries.Select(e => e.AfterJson))); // no e-mail address or other personal data from the rows
        Assert.Null(Complaints.Warehouse.Audit.AuditLog.Verify(connection));
    }

    [Fact]
    public async Task Loading_canonical_files_stores_every_row_with_its_run()
    {
        var results = await LoadFixture();

        Assert.All(results, r => Assert.Equal(LoadStatus.Loaded, r.Status));
        Assert.Equal([3L, 8L, 5L, 5L], results.Select(r => r.RowsInserted)); // products, complaints, units sold, costs
        Assert.Equal(8, _warehouse.Count("customers"));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaints c LEFT JOIN ingest_runs r USING (run_id) WHERE r.file_name IS DISTINCT FROM 'complaints.csv'"));
        Assert.Equal("Complaint C1, \"quoted\" and\nspread over two lines",
            connection.Scalar<string>("SELECT description FROM complaints WHERE external_id = 'C1'"));
    }

    [Fact]
    public async Task Reloading_the_same_file_changes_nothing()
    {
        await LoadFixture();
        var before = TableCounts();

        var again = await LoadFixture();

        Assert.All(again, r => Assert.Equal(LoadStatus.Unchanged, r.Status));
        Assert.Equal(before, TableCounts());
        Assert.Equal(8, _warehouse.Count("ingest_runs")); // the re-deliveries are recorded as runs
    }

    [Fact]
    public async Task The_same_records_in_a_different_file_store_nothing_new()
    {
        await LoadFixture();
        var before = TableCounts();
        var (feed, csv) = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Complaints);

        var result = await _loader.LoadAsync(_warehouse.WriteFile("complaints-copy.csv", csv.Replace("\n", "\r\n")), feed);

        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.True(result.RowsConflicting == 0, string.Join("; ", result.FirstConflicts?.Select(c => $"{c.Field}: [{c.StoredValue}] vs [{c.DeliveredValue}]") ?? []));
        Assert.Equal((0L, 0L, 8L), (result.RowsInserted, result.RowsUpdated, result.RowsUnchanged));
        Assert.Equal(before, TableCounts());
    }

    [Fact]
    public async Task A_newer_record_updates_the_complaint_and_keeps_the_earlier_version()
    {
        await LoadFixture();
        var newer = CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
        {
            ["source"] = OverviewFixture.Source, ["external_id"] = "C7", ["updated_at"] = "2024-02-25T09:00:00+01:00",
            ["received_at"] = "2024-02-20T12:00:00+01:00", ["resolved_at"] = "2024-02-25T09:00:00+01:00",
            ["status"] = "resolved", ["product_sku"] = "EL-0001",
        });
        var older = newer.Replace("resolved,", "in_progress,").Replace("2024-02-25T09:00:00+01:00,2024-02-20", "2024-02-21T09:00:00+01:00,2024-02-20");

        var update = await _loader.LoadAsync(_warehouse.WriteFile("update.csv", newer), FeedLayouts.Complaints);
        var stale = await _loader.LoadAsync(_warehouse.WriteFile("stale.csv", older), FeedLayouts.Complaints);

        Assert.Equal(1, update.RowsUpdated);
        Assert.Equal((0L, 1L), (stale.RowsUpdated, stale.RowsUnchanged));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("resolved", connection.Scalar<string>("SELECT status FROM complaints WHERE external_id = 'C7'"));
        Assert.Equal("in_progress", connection.Scalar<string>("SELECT status FROM complaint_versions WHERE external_id = 'C7'"));
        Assert.Equal(update.RunId, connection.Scalar<long>("SELECT superseded_by_run FROM complaint_versions WHERE external_id = 'C7'"));
        // No key index guards these tables (migration 0009): the merge alone keeps one row per key.
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) - count(DISTINCT (source, external_id)) FROM complaints"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) - count(DISTINCT (source, customer_id)) FROM customers"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) - count(DISTINCT (source, customer_id)) FROM customer_personal"));
    }

    [Fact]
    public async Task A_malformed_value_rejects_the_whole_file_naming_file_line_and_field()
    {
        var (feed, csv) = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Complaints);
        // C3's row: every description before it spans two lines, so its record starts on line 6, not 4.
        var broken = csv.Replace("2024-02-05T08:00:00+01:00", "5th of February");

        var result = await _loader.LoadAsync(_warehouse.WriteFile("broken.csv", broken), feed);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("broken.csv", result.Error);
        Assert.Contains("line 6", result.Error);
        Assert.Contains("received_at", result.Error);
        Assert.Equal(0, _warehouse.Count("complaints"));
        Assert.Equal(0, _warehouse.Count("customers"));
        Assert.Equal("rejected", ReadRunStatus(result.RunId));
    }

    [Fact]
    public async Task A_missing_required_value_names_its_line()
    {
        var (feed, csv) = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Complaints);
        var broken = csv.Replace(",HA-0002,", ",,"); // C4 (line 8) and C5 lose their product

        var result = await _loader.LoadAsync(_warehouse.WriteFile("no-product.csv", broken), feed);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.StartsWith("no-product.csv: 2 of 8 rows are bad", result.Error);
        Assert.Contains("line 8, field product_sku: a value is required", result.Error);
        Assert.Equal(0, _warehouse.Count("complaints"));
    }

    [Fact]
    public async Task A_record_twice_in_one_file_is_rejected()
    {
        var (feed, csv) = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Costs);
        var lines = csv.TrimEnd('\n').Split('\n');
        var doubled = string.Join('\n', lines.Append(lines[1])) + "\n";

        var result = await _loader.LoadAsync(_warehouse.WriteFile("costs.csv", doubled), feed);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("line 7, field source+external_id", result.Error);
        Assert.Equal(0, _warehouse.Count("costs"));
    }

    [Fact]
    public async Task A_header_that_does_not_fit_the_feed_lists_what_is_missing()
    {
        var csv = "sku,name,line\nHA-1,Kettle,Home\n";

        var result = await _loader.LoadAsync(_warehouse.WriteFile("products.csv", csv), FeedLayouts.Products);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("line 1", result.Error);
        Assert.Contains("missing column(s) product_line, category, updated_at", result.Error);
        Assert.Contains("unknown column(s) line", result.Error);
    }

    [Fact]
    public async Task Resolution_before_receipt_is_rejected()
    {
        var (feed, csv) = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Complaints);
        var broken = csv.Replace("2024-01-22T10:00:00+01:00", "2024-01-19T10:00:00+01:00");

        var result = await _loader.LoadAsync(_warehouse.WriteFile("order.csv", broken), feed);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("line 4, field resolved_at", result.Error);
    }

    [Fact]
    public async Task Costs_that_arrive_before_their_complaint_are_linked_when_it_arrives()
    {
        var files = OverviewFixture.Files().ToDictionary(f => f.Feed, f => f.Csv);
        await _loader.LoadAsync(_warehouse.WriteFile("costs.csv", files[FeedLayouts.Costs]), FeedLayouts.Costs);
        Assert.Equal(5, CountUnlinkedCosts());

        await _loader.LoadAsync(_warehouse.WriteFile("complaints.csv", files[FeedLayouts.Complaints]), FeedLayouts.Complaints);

        Assert.Equal(0, CountUnlinkedCosts());
    }

    private long CountUnlinkedCosts()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.Scalar<long>("SELECT count(*) FROM costs WHERE complaint_key IS NULL");
    }

    private string ReadRunStatus(long runId)
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.Scalar<string>("SELECT status FROM ingest_runs WHERE run_id = $id", ("id", runId))!;
    }
}
