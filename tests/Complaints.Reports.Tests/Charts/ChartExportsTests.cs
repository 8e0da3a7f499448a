using System.Globalization;
using System.Text;
using Apache.Arrow.Ipc;
using Complaints.Reports.Charts;
using Complaints.Reports.Exports;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Parquet;
using Parquet.Schema;

namespace Complaints.Reports.Tests.Charts;

/// <summary>
/// Every chart of the catalogue exported in all three formats and read back with readers other than the writer (DuckDB's
/// CSV reader, Parquet.Net, Apache.Arrow's reader): same columns, same types, every row, the note.
/// </summary>
public sealed class ChartExportsTests : IAsyncLifetime
{
    private ReportsWarehouse _reports = null!;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly ComplaintFilter February = ComplaintFilter.All with { From = new DateOnly(2024, 2, 1), To = new DateOnly(2024, 2, 29) };

    public async Task InitializeAsync() => _reports = await ReportsWarehouse.CreateAsync();

    public Task DisposeAsync()
    {
        _reports.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(byte[] Bytes, ExportNote Note)> ExportAsync(ChartDefinition chart, ExportFormat format, ComplaintFilter filter, TimeBucket bucket = TimeBucket.Month)
    {
        using var output = new MemoryStream();
        var note = await _reports.Charts.WriteAsync(chart, format, output, _reports.Charts.Query(filter, bucket), English);
        return (output.ToArray(), note);
    }

    private ChartDefinition Chart(string id) => _reports.Charts.Catalogue.Find(id) ?? throw new InvalidOperationException($"No chart {id}");

    [Fact]
    public void The_catalogue_holds_every_chart_of_the_dashboard_pages_by_a_stable_id()
    {
        var ids = _reports.Charts.Catalogue.All.Select(c => c.Id).ToHashSet();
        Assert.Equal(21, ids.Count);
        Assert.Contains("overview.trend", ids);
        Assert.Contains("costs.cost-per-product", ids);
        Assert.Contains("feedback.csat-by-handling-time", ids);
        Assert.Contains("defects.signal-weeks", ids);
        Assert.All(ids, id => Assert.Matches("^(overview|products|sla|costs|feedback|defects)\\.[a-z0-9-]+$", id));
        Assert.All(_reports.Charts.Catalogue.All, c => Assert.Equal(c.Columns.Count, c.Columns.Select(k => k.Name).Distinct().Count()));
    }

    [Fact]
    public async Task Every_chart_has_the_same_columns_and_types_in_parquet_and_arrow_and_the_same_rows_in_all_three()
    {
        foreach (var chart in _reports.Charts.Catalogue.All)
        {
            var (csv, csvNote) = await ExportAsync(chart, ExportFormat.Csv, ComplaintFilter.All);
            var (parquet, parquetNote) = await ExportAsync(chart, ExportFormat.Parquet, ComplaintFilter.All);
            var (arrow, arrowNote) = await ExportAsync(chart, ExportFormat.Arrow, ComplaintFilter.All);
            var expected = ChartCatalogue.Read(chart, _reports.Charts.Query(ComplaintFilter.All)).Rows.Count;
            Assert.Equal([expected, expected, expected], new[] { csvNote.Rows, parquetNote.Rows, arrowNote.Rows }.Select(r => (int)r));

            var csvLines = Encoding.UTF8.GetString(csv[3..]).TrimEnd().Split("\r\n");
            Assert.Equal(string.Join(",", chart.Columns.Select(c => c.Name)), csvLines[0]);
            Assert.Equal(expected, csvLines.Length - 2);
            Assert.StartsWith($"# chart {chart.Id}: {expected} rows;", csvLines[^1]);

            await using var parquetReader = await ParquetReader.CreateAsync(new MemoryStream(parquet));
            var fields = parquetReader.Schema.GetDataFields();
            Assert.Equal(chart.Columns.Select(c => c.Name), fields.Select(f => f.Name));
            Assert.Equal(expected, (int)Enumerable.Range(0, parquetReader.RowGroupCount).Sum(g => parquetReader.OpenRowGroupReader(g).RowCount));
            Assert.Equal(chart.Id, parquetReader.CustomMetadata["chart.id"]);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), parquetReader.CustomMetadata["chart.rows"]);

            using var arrowReader = new ArrowStreamReader(new MemoryStream(arrow));
            long arrowRows = 0;
            while (await arrowReader.ReadNextRecordBatchAsync() is { } batch)
                using (batch)
                    arrowRows += batch.Length;
            Assert.Equal(expected, arrowRows);
            Assert.Equal(chart.Columns.Select(c => c.Name), arrowReader.Schema.FieldsList.Select(f => f.Name));
            Assert.Equal(chart.Id, arrowReader.Schema.Metadata["chart.id"]);
            for (var c = 0; c < chart.Columns.Count; c++)
                Assert.Equal(ExpectedTypes(chart.Columns[c].Type), (ParquetType(fields[c]), arrowReader.Schema.FieldsList[c].DataType.TypeId.ToString()));
        }
    }

    /// <summary>The Parquet and Arrow type each column type must have, as the two readers name them.</summary>
    private static (string Parquet, string Arrow) ExpectedTypes(ChartColumnType type) => type switch
    {
        ChartColumnType.Text => ("String", "String"),
        ChartColumnType.Integer => ("Int64", "Int64"),
        ChartColumnType.Real => ("Double", "Double"),
        ChartColumnType.Money => ("Decimal(18,2)", "Decimal128"),
        _ => ("Date", "Date32"),
    };

    private static string ParquetType(DataField field) => field switch
    {
        DecimalDataField d => $"Decimal({d.Precision},{d.Scale})",
        DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => "Date",
        _ when field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>) => "String",
        _ => field.ClrType.Name,
    };

    [Fact]
    public async Task A_charts_csv_read_by_DuckDB_holds_the_queries_figures()
    {
        var chart = Chart("overview.complaints-per-product");
        var (bytes, note) = await ExportAsync(chart, ExportFormat.Csv, February);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var path = _reports.Warehouse.WriteFile("chart.csv", Encoding.UTF8.GetString(bytes[3..]));
        using var connection = _reports.Warehouse.Database.OpenConnection();
        var rows = connection.QueryList($"SELECT sku, product_name, complaints FROM read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', " +
            "escape = '\"', comment = '#', columns = {'sku': 'VARCHAR', 'product_name': 'VARCHAR', 'product_line': 'VARCHAR', 'complaints': 'BIGINT'})",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));
        var expected = new OverviewQueries(_reports.Warehouse.Database, Microsoft.Extensions.Options.Options.Create(new ReportingOptions())).ComplaintsPerProduct(February);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(p => (p.Sku, p.Name, p.Complaints)), rows);
        Assert.Equal("from=2024-02-01&to=2024-02-29", note.FilterQuery);
        Assert.Contains("filter: from=2024-02-01&to=2024-02-29; generated at ", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Parquet_read_by_Parquet_Net_holds_dates_counts_and_amounts_as_typed_values()
    {
        var (trend, _) = await ExportAsync(Chart("overview.trend"), ExportFormat.Parquet, ComplaintFilter.All, TimeBucket.Quarter);
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(trend));
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields();
        var periods = new DateTime?[group.RowCount];
        var counts = new long?[group.RowCount];
        await group.ReadAsync<DateTime>(fields[0], periods.AsMemory(), null);
        await group.ReadAsync<long>(fields[1], counts.AsMemory(), null);
        var expected = new OverviewQueries(_reports.Warehouse.Database, Microsoft.Extensions.Options.Options.Create(new ReportingOptions())).Trend(ComplaintFilter.All, TimeBucket.Quarter);
        Assert.Equal(expected.Select(p => ((DateTime?)p.Period.ToDateTime(TimeOnly.MinValue), (long?)p.Complaints)), periods.Zip(counts));
        Assert.Equal("bucket=quarter", reader.CustomMetadata["chart.filter"]);

        var (costs, costsNote) = await ExportAsync(Chart("costs.cost-per-type"), ExportFormat.Parquet, ComplaintFilter.All);
        await using var costReader = await ParquetReader.CreateAsync(new MemoryStream(costs));
        using var costGroup = costReader.OpenRowGroupReader(0);
        var amounts = new decimal?[costGroup.RowCount];
        await costGroup.ReadAsync<decimal>(costReader.Schema.GetDataFields()[1], amounts.AsMemory(), null);
        Assert.Contains(100.00m, amounts);
        // Cost figures are judged at an instant: the file states it, so the same query gives the same figures later.
        Assert.StartsWith("asof=", costsNote.FilterQuery);
    }

    [Fact]
    public async Task Text_that_starts_like_a_formula_is_neutralised_in_a_charts_csv()
    {
        var chart = new ChartDefinition("test.formula", [ChartColumn.Text("label"), ChartColumn.Integer("count")],
            _ => [[ReportsWarehouse.Formula, 1L], ["@phone", 2L], [null, 3L]]);
        var (bytes, note) = await ExportAsync(chart, ExportFormat.Csv, ComplaintFilter.All);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",1", text);
        Assert.Contains("'@phone,2", text);
        Assert.Contains("\r\n,3\r\n", text);
        Assert.Equal(3, note.Rows);
    }

    [Fact]
    public async Task Xlsx_is_not_a_chart_data_format()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ExportAsync(Chart("overview.trend"), ExportFormat.Xlsx, ComplaintFilter.All));
        Assert.Contains(".csv, .parquet or .arrow", refused.Message);
    }
}
