using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Ingest.Tests.Loading;

/// <summary>Bad rows under the allowed share are set aside with file, line, column, reason and raw text; good rows load.</summary>
public sealed class QuarantineTests : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _loader = _warehouse.Loader(maxRejectedShare: 0.05);
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Forty valid surveys, one per line (line n + 1 holds survey n).</summary>
    private static List<Dictionary<string, string>> Surveys() => Enumerable.Range(1, 40).Select(i => new Dictionary<string, string>
    {
        ["source"] = "survey", ["external_id"] = $"S{i}", ["complaint_source"] = "fixture", ["complaint_id"] = $"C{i}",
        ["answered_at"] = "2024-03-01T10:00:00+01:00", ["csat"] = "4", ["nps"] = "8", ["updated_at"] = "2024-03-01T10:00:00+01:00",
    }).ToList();

    private Task<LoadResult> Load(string name, IEnumerable<Dictionary<string, string>> rows) =>
        _loader.LoadAsync(_warehouse.WriteFile(name, CanonicalCsv.Write(FeedLayouts.Surveys, rows.ToArray())), FeedLayouts.Surveys);

    [Fact]
    public async Task One_bad_row_in_forty_is_quarantined_and_the_rest_load_in_the_same_run()
    {
        var rows = Surveys();
        rows[9]["csat"] = "7"; // survey S10, line 11

        var result = await Load("surveys.csv", rows);

        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.Equal((40L, 39L, 1L), (result.RowsRead, result.RowsInserted, result.RowsQuarantined));
        Assert.Equal(new RowProblem(11, "csat", "CSAT must be 1 to 5"), Assert.Single(result.FirstProblems!));
        using var connection = _warehouse.Database.OpenConnection();
        var entry = connection.QueryList("SELECT run_id, file_name, line, column_name, reason, raw_text FROM quarantine",
            r => (Run: r.GetInt64(0), File: r.GetString(1), Line: r.GetInt64(2), Column: r.GetString(3), Reason: r.GetString(4), Raw: r.GetString(5))).Single();
        Assert.Equal((result.RunId, "surveys.csv", 11L, "csat"), (entry.Run, entry.File, entry.Line, entry.Column));
        Assert.StartsWith("survey,S10,fixture,C10,", entry.Raw);
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM surveys WHERE external_id = 'S10'"));
        Assert.Equal(1, connection.Scalar<long>("SELECT rows_quarantined FROM ingest_runs WHERE run_id = $id", ("id", result.RunId)));
    }

    [Fact]
    public async Task More_bad_rows_than_the_allowed_share_reject_the_file_and_keep_its_problems()
    {
        var rows = Surveys();
        rows[3]["nps"] = "11";
        rows[20]["answered_at"] = "2024-02-30T10:00:00+01:00"; // no such day
        rows[30]["csat"] = "";  // optional: not a problem
        rows[35]["nps"] = "-1";

        var result = await Load("surveys.csv", rows);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("3 of 40 rows are bad (7.5 %, more than the 5 % allowed)", result.Error);
        Assert.Contains("line 5, field nps: NPS must be 0 to 10", result.Error);
        Assert.Contains("line 22, field answered_at: '2024-02-30T10:00:00+01:00' is not a valid ISO 8601 timestamp", result.Error);
        Assert.Equal(0, _warehouse.Count("surveys"));
        Assert.Equal(3, _warehouse.Count("quarantine")); // every problem kept for the administrator
    }

    [Theory]
    [InlineData("amount", "-5.00", "an amount cannot be negative")]
    [InlineData("amount", "12,50", "'12,50' is not a valid amount (e.g. 1234.50)")]
    [InlineData("currency", "zł", "a currency is a three-letter ISO 4217 code such as PLN")]
    [InlineData("booked_on", "31.02.2024", "'31.02.2024' is not a valid date (yyyy-MM-dd)")]
    public async Task A_bad_cost_value_is_named_with_its_reason(string column, string value, string reason)
    {
        var cost = new Dictionary<string, string>
        {
            ["source"] = "erp", ["external_id"] = "K1", ["complaint_source"] = "fixture", ["complaint_id"] = "C1", ["cost_type"] = "repair",
            ["amount"] = "10.00", ["currency"] = "PLN", ["booked_on"] = "2024-02-28", ["updated_at"] = "2024-02-28T12:00:00+01:00",
        };
        cost[column] = value;

        var result = await _loader.LoadAsync(_warehouse.WriteFile("costs.csv", CanonicalCsv.Write(FeedLayouts.Costs, cost)), FeedLayouts.Costs);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Equal(new RowProblem(2, column, reason), Assert.Single(result.FirstProblems!));
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_with_its_line()
    {
        var csv = CanonicalCsv.Write(FeedLayouts.Surveys, Surveys().ToArray()).Replace("survey,S40,", "survey,\"S40,");

        var result = await _loader.LoadAsync(_warehouse.WriteFile("quote.csv", csv), FeedLayouts.Surveys);

        Assert.Equal(LoadStatus.Loaded, result.Status); // one bad row in forty: set aside, the rest load
        Assert.Equal(39, result.RowsInserted);
        Assert.Equal(41, Assert.Single(result.FirstProblems!).Line);
    }

    [Fact]
    public async Task A_file_with_only_a_header_loads_nothing_and_says_so()
    {
        var result = await Load("empty.csv", []);

        Assert.Equal((LoadStatus.Loaded, 0L), (result.Status, result.RowsRead));
    }

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        var result = await _loader.LoadAsync(_warehouse.WriteFile("nothing.csv", ""), FeedLayouts.Surveys);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("nothing.csv: line 1: the file is empty", result.Error);
    }

    [Fact]
    public async Task A_byte_order_mark_is_accepted()
    {
        var csv = "\uFEFF" + CanonicalCsv.Write(FeedLayouts.Surveys, Surveys().Take(3).ToArray());

        var result = await _loader.LoadAsync(_warehouse.WriteFile("bom.csv", csv), FeedLayouts.Surveys);

        Assert.Equal((LoadStatus.Loaded, 3L), (result.Status, result.RowsInserted));
    }
}
