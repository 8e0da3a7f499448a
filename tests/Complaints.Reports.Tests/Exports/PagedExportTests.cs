using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using ClosedXML.Excel;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Reports.Tests.Exports;

/// <summary>
/// An export read in many small pages is the same file as one read in a single page, in every format: every row once,
/// in the list's order, across page boundaries that fall inside a run of complaints received at the same instant.
/// </summary>
public sealed class PagedExportTests : IAsyncLifetime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private ReportsWarehouse _reports = null!;

    public async Task InitializeAsync()
    {
        _reports = await ReportsWarehouse.CreateAsync(_time);
        // Seven more complaints at one instant from two sources, beside the fixture's nine: pages of three cut the run twice.
        await _reports.Warehouse.Database.WriteAsync(connection => Task.FromResult(connection.Execute("""
            INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, description, run_id)
            SELECT CASE WHEN i % 2 = 0 THEN 'alpha' ELSE 'omega' END, 'T' || i, TIMESTAMPTZ '2024-02-10 12:00:00+00',
                   TIMESTAMPTZ '2024-02-10 12:00:00+00', 'new', 'HA-0001', 'same instant ' || i, 0
            FROM range(1, 8) t(i)
            """)));
    }

    public Task DisposeAsync()
    {
        _reports.Dispose();
        return Task.CompletedTask;
    }

    private ComplaintExports Exports(int pageSize) =>
        new(new ComplaintListQueries(_reports.Warehouse.Database, Options.Create(new ReportingOptions()), _time), FilterAsQuery.Describe, _time, pageSize);

    private async Task<(byte[] Bytes, ExportNote Note)> ExportAsync(ExportFormat format, int pageSize)
    {
        using var output = new MemoryStream();
        var note = await Exports(pageSize).WriteAsync(format, output, ComplaintFilter.All, null, English, withFreeText: true);
        return (output.ToArray(), note);
    }

    [Fact]
    public async Task A_csv_in_pages_of_three_is_byte_for_byte_the_csv_in_one_page()
    {
        var (paged, note) = await ExportAsync(ExportFormat.Csv, pageSize: 3);
        var (whole, _) = await ExportAsync(ExportFormat.Csv, pageSize: 1000);

        Assert.Equal(16, note.Rows);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(whole), System.Text.Encoding.UTF8.GetString(paged));
        var ids = System.Text.Encoding.UTF8.GetString(paged).Split("\r\n").Select(l => l.Split(','))
            .Where(cells => cells.Length > 1 && cells[1].StartsWith('T')).Select(cells => cells[0] + "/" + cells[1]);
        // The run at one instant: source first, then id.
        Assert.Equal(["alpha/T2", "alpha/T4", "alpha/T6", "omega/T1", "omega/T3", "omega/T5", "omega/T7"], ids);
    }

    [Fact]
    public async Task An_xlsx_in_pages_of_three_holds_the_same_cells_as_in_one_page()
    {
        var (paged, note) = await ExportAsync(ExportFormat.Xlsx, pageSize: 3);
        var (whole, _) = await ExportAsync(ExportFormat.Xlsx, pageSize: 1000);

        using var a = new XLWorkbook(new MemoryStream(paged));
        using var b = new XLWorkbook(new MemoryStream(whole));
        var (pagedSheet, wholeSheet) = (a.Worksheet("Complaints"), b.Worksheet("Complaints"));
        Assert.Equal(17, pagedSheet.LastRowUsed().RowNumber());
        for (var row = 1; row <= 17; row++)
            Assert.Equal(wholeSheet.Row(row).Cells(1, 20).Select(c => c.Value.ToString()), pagedSheet.Row(row).Cells(1, 20).Select(c => c.Value.ToString()));
        Assert.Equal(16, a.Worksheet("About this export").Cell(1, 2).GetDouble());
        Assert.Equal(16, note.Rows);
    }

    [Fact]
    public async Task Parquet_from_pages_of_three_keeps_every_row_in_order_with_its_note()
    {
        var (paged, _) = await ExportAsync(ExportFormat.Parquet, pageSize: 3);
        var (whole, _) = await ExportAsync(ExportFormat.Parquet, pageSize: 1000);

        var rows = new List<string>[2];
        using var connection = _reports.Warehouse.Database.OpenConnection();
        foreach (var (bytes, i) in new[] { (paged, 0), (whole, 1) })
        {
            var path = Path.Combine(_reports.Warehouse.Directory, $"paged-{i}.parquet");
            await File.WriteAllBytesAsync(path, bytes);
            // In the file's own order: no ORDER BY here.
            rows[i] = connection.QueryList($"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet('{path}')",
                r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(c => r.IsDBNull(c) ? "" : r.GetString(c))));
            Assert.Equal("16", connection.Scalar<string>($"SELECT decode(value) FROM parquet_kv_metadata('{path}') WHERE decode(key) = 'complaints.rows'"));
        }
        Assert.Equal(16, rows[0].Count);
        Assert.Equal(rows[1], rows[0]);
        Assert.Equal(rows[0].Count, rows[0].Distinct().Count());
    }

    [Fact]
    public async Task Arrow_from_pages_of_three_keeps_every_row_in_order()
    {
        var (paged, _) = await ExportAsync(ExportFormat.Arrow, pageSize: 3);
        var (whole, _) = await ExportAsync(ExportFormat.Arrow, pageSize: 1000);

        async Task<List<string>> Keys(byte[] bytes)
        {
            using var reader = new ArrowStreamReader(new MemoryStream(bytes));
            var keys = new List<string>();
            while (await reader.ReadNextRecordBatchAsync() is { } batch)
                using (batch)
                {
                    var (source, id) = ((StringArray)batch.Column("source"), (StringArray)batch.Column("external_id"));
                    for (var r = 0; r < batch.Length; r++)
                        keys.Add($"{source.GetString(r)}/{id.GetString(r)}");
                }
            Assert.Equal("16", reader.Schema.Metadata["complaints.rows"]);
            return keys;
        }

        var pagedKeys = await Keys(paged);
        Assert.Equal(16, pagedKeys.Count);
        Assert.Equal(await Keys(whole), pagedKeys);
    }
}
