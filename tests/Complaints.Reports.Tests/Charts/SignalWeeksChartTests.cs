using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Complaints.Models.Defects;
using Complaints.Reports.Exports;
using Complaints.Warehouse;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parquet;

namespace Complaints.Reports.Tests.Charts;

/// <summary>
/// The Defects page's chart of one series' weeks, exported by the catalogue and read back (Parquet.Net, Apache.Arrow's
/// reader) against what the page and <c>/api/defects/weeks</c> read for the same series (<see cref="DefectSignals.Weeks"/>).
/// </summary>
public sealed class SignalWeeksChartTests : IAsyncLifetime
{
    private const string Series = "product|HA-0001|leak";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    // The fixture's complaints are of January and February 2024: judged on 1 March, the chart's weeks hold them.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private ReportsWarehouse _reports = null!;

    public async Task InitializeAsync() => _reports = await ReportsWarehouse.CreateAsync(_time);

    public Task DisposeAsync()
    {
        _reports.Dispose();
        return Task.CompletedTask;
    }

    private IReadOnlyList<SignalWeek> PageWeeks() =>
        new DefectSignals(_reports.Warehouse.Database, Options.Create(new ReportingOptions()), _time).Weeks(Series);

    private async Task<(byte[] Bytes, ExportNote Note)> ExportAsync(ExportFormat format, string? signal)
    {
        var chart = _reports.Charts.Catalogue.Find("defects.signal-weeks")!;
        using var output = new MemoryStream();
        var note = await _reports.Charts.WriteAsync(chart, format, output, _reports.Charts.Query(ComplaintFilter.All, signal: signal), English);
        return (output.ToArray(), note);
    }

    [Fact]
    public async Task Parquet_holds_the_series_weeks_the_page_draws_and_states_the_series()
    {
        var (bytes, note) = await ExportAsync(ExportFormat.Parquet, Series);

        var expected = PageWeeks();
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["week_from", "week_to", "observed", "expected", "limit"], fields.Select(f => f.Name));
        var (from, to) = (new DateTime?[group.RowCount], new DateTime?[group.RowCount]);
        var (observed, limit) = (new long?[group.RowCount], new long?[group.RowCount]);
        var expectedLine = new double?[group.RowCount];
        await group.ReadAsync<DateTime>(fields[0], from.AsMemory(), null);
        await group.ReadAsync<DateTime>(fields[1], to.AsMemory(), null);
        await group.ReadAsync<long>(fields[2], observed.AsMemory(), null);
        await group.ReadAsync<double>(fields[3], expectedLine.AsMemory(), null);
        await group.ReadAsync<long>(fields[4], limit.AsMemory(), null);

        // The weeks since the series' first complaint, up to the judged day.
        Assert.Equal(expected.Count, group.RowCount);
        Assert.Contains(expected, w => w.Observed > 0);
        Assert.Equal(expected.Select(w => ((DateTime?)w.WeekFrom.ToDateTime(TimeOnly.MinValue), (DateTime?)w.WeekTo.ToDateTime(TimeOnly.MinValue), (long?)w.Observed)),
            from.Zip(to, observed).Select(r => (r.First, r.Second, r.Third)));
        Assert.Equal(expected.Select(w => (w.Expected, w.Limit)), expectedLine.Zip(limit));
        Assert.Equal("signal=product%7CHA-0001%7Cleak", note.FilterQuery);
        Assert.Equal(note.FilterQuery, reader.CustomMetadata["chart.filter"]);
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), reader.CustomMetadata["chart.rows"]);
    }

    [Fact]
    public async Task Arrow_holds_the_same_weeks_as_typed_columns()
    {
        var (bytes, _) = await ExportAsync(ExportFormat.Arrow, Series);

        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        var rows = new List<(DateOnly, long, double?)>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
            using (batch)
            {
                var (to, observed, expected) = ((Date32Array)batch.Column("week_to"), (Int64Array)batch.Column("observed"), (DoubleArray)batch.Column("expected"));
                for (var i = 0; i < batch.Length; i++)
                    rows.Add((to.GetDateOnly(i)!.Value, observed.GetValue(i)!.Value, expected.GetValue(i)));
            }
        Assert.Equal(PageWeeks().Select(w => (w.WeekTo, w.Observed, w.Expected)), rows);
    }

    [Fact]
    public async Task Without_a_series_and_with_no_signal_the_file_is_empty_and_an_unknown_series_is_refused_by_name()
    {
        // The fixture's models never ran: there is no signal for the page to show first, so nothing is made up.
        var (_, note) = await ExportAsync(ExportFormat.Csv, signal: null);
        var unknown = await Assert.ThrowsAsync<KeyNotFoundException>(() => ExportAsync(ExportFormat.Csv, "product|XX-0000|leak"));

        Assert.Equal(0, note.Rows);
        Assert.Contains("product|XX-0000|leak", unknown.Message);
    }
}
