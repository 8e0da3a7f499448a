using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using ClosedXML.Excel;
using Complaints.Reports.Exports;
using Complaints.Warehouse;

namespace Complaints.Reports.Tests.Exports;

/// <summary>Every export format written and read back with a reader other than its writer: all rows, real types, the note, formulas neutralised.</summary>
public sealed class ComplaintExportsTests : IAsyncLifetime
{
    private ReportsWarehouse _reports = null!;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task InitializeAsync() => _reports = await ReportsWarehouse.CreateAsync();

    public Task DisposeAsync()
    {
        _reports.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An export as a reader with the personal-data permission gets it (the description column filled) unless told otherwise.</summary>
    private async Task<(byte[] Bytes, ExportNote Note)> ExportAsync(ExportFormat format, ComplaintFilter filter, string? search = null, bool withFreeText = true)
    {
        using var output = new MemoryStream();
        var note = await _reports.Exports.WriteAsync(format, output, filter, search, English, withFreeText);
        return (output.ToArray(), note);
    }

    [Fact]
    public async Task Without_the_personal_data_permission_the_free_text_column_is_empty_and_the_rest_unchanged()
    {
        var (withText, _) = await ExportAsync(ExportFormat.Xlsx, ComplaintFilter.All);
        var (withoutText, note) = await ExportAsync(ExportFormat.Xlsx, ComplaintFilter.All, withFreeText: false);

        using var full = new XLWorkbook(new MemoryStream(withText));
        using var masked = new XLWorkbook(new MemoryStream(withoutText));
        var (a, b) = (full.Worksheet("Complaints"), masked.Worksheet("Complaints"));
        var description = a.Row(1).Cells(1, 20).Single(c => c.GetString() == "description").Address.ColumnNumber;
        Assert.Equal(9, note.Rows);
        Assert.Contains(a.Column(description).CellsUsed().Skip(1), c => c.GetString().Length > 0);
        Assert.All(b.Column(description).Cells(2, 10), c => Assert.Equal("", c.GetString()));
        for (var column = 1; column <= 19; column++)
            Assert.Equal(a.Column(column).Cells(1, 10).Select(c => c.Value.ToString()), b.Column(column).Cells(1, 10).Select(c => c.Value.ToString()));
    }

    [Fact]
    public async Task The_xlsx_holds_every_row_with_real_types_and_an_about_sheet()
    {
        var (bytes, note) = await ExportAsync(ExportFormat.Xlsx, ComplaintFilter.All);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("Complaints");
        Assert.Equal(9, note.Rows);
        Assert.Equal(10, sheet.LastRowUsed().RowNumber());
        Assert.Equal(20, sheet.LastColumnUsed().ColumnNumber());
        var header = sheet.Row(1).Cells(1, 20).Select(c => c.GetString()).ToList();
        Assert.Equal("received_at", header[2]);
        int Col(string name) => header.IndexOf(name) + 1;
        // Oldest first: C5 arrived on 1 January in Warsaw (23:30 UTC the day before).
        Assert.Equal("C5", sheet.Cell(2, Col("external_id")).GetString());
        Assert.Equal(new DateTime(2024, 1, 1, 0, 30, 0), sheet.Cell(2, Col("received_at")).GetDateTime());
        var c1 = sheet.RowsUsed().Single(r => r.Cell(Col("external_id")).GetString() == "C1");
        Assert.Equal(XLDataType.Number, c1.Cell(Col("cost")).DataType);
        // 100 PLN converted; its 20 EUR have no rate under the default settings, so are not in the converted total.
        Assert.Equal(100.00, c1.Cell(Col("cost")).GetDouble());
        Assert.Equal(4.0, c1.Cell(Col("handling_days")).GetDouble(), 9);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Contains("\n", c1.Cell(Col("description")).GetString());

        var about = workbook.Worksheet("About this export");
        Assert.Equal(9, about.Cell(1, 2).GetDouble());
        Assert.Equal("all complaints", about.Cell(2, 2).GetString());
        Assert.Contains("every row", about.Cell(4, 1).GetString());
    }

    [Fact]
    public async Task Text_that_starts_like_a_formula_stays_text_in_xlsx_and_csv()
    {
        var filter = ComplaintFilter.All with { Product = "HA-0001", From = new DateOnly(2024, 2, 22) };

        var (xlsx, _) = await ExportAsync(ExportFormat.Xlsx, filter);
        var (csv, _) = await ExportAsync(ExportFormat.Csv, filter);

        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var row = workbook.Worksheet("Complaints").Row(2);
        Assert.DoesNotContain(row.Cells(), c => c.HasFormula);
        Assert.Contains(row.Cells(), c => c.GetString() == "'" + ReportsWarehouse.Formula);
        Assert.Contains(row.Cells(), c => c.GetString() == "'@phone");
        var text = System.Text.Encoding.UTF8.GetString(csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", text);
        Assert.Contains(",'@phone,", text);
    }

    [Fact]
    public async Task The_csv_is_utf8_with_every_row_and_ends_with_its_note()
    {
        var (bytes, note) = await ExportAsync(ExportFormat.Csv, ComplaintFilter.All with { Line = "Home appliances" }, search: "Complaint");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var path = _reports.Warehouse.WriteFile("export.csv", System.Text.Encoding.UTF8.GetString(bytes[3..]));
        using var connection = _reports.Warehouse.Database.OpenConnection();
        // DuckDB's own CSV reader, told that '#' starts the note.
        var rows = connection.QueryList($"SELECT external_id, received_at, cost FROM read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', comment = '#', columns = {{{Columns}}}) ORDER BY received_at",
            r => (r.GetString(0), r.GetDateTime(1), r.IsDBNull(2) ? (decimal?)null : r.GetDecimal(2)));
        Assert.Equal(["C5", "C1", "C2", "C4", "C3"], rows.Select(r => r.Item1));
        Assert.Equal(100.00m, rows[1].Item3);
        Assert.Equal(5, note.Rows);
        var last = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd().Split("\r\n")[^1];
        Assert.StartsWith("# 5 rows; filter: line=Home%20appliances; search: Complaint; generated at ", last);
    }

    private const string Columns = "'source': 'VARCHAR', 'external_id': 'VARCHAR', 'received_at': 'TIMESTAMP', 'first_response_at': 'TIMESTAMP', " +
        "'resolved_at': 'TIMESTAMP', 'status': 'VARCHAR', 'priority': 'VARCHAR', 'complaint_type': 'VARCHAR', 'channel': 'VARCHAR', 'team': 'VARCHAR', " +
        "'product_sku': 'VARCHAR', 'product_name': 'VARCHAR', 'product_line': 'VARCHAR', 'defect_category': 'VARCHAR', 'segment': 'VARCHAR', " +
        "'country': 'VARCHAR', 'quantity': 'INTEGER', 'cost': 'DECIMAL(18,2)', 'handling_days': 'DOUBLE', 'description': 'VARCHAR'";

    [Fact]
    public async Task Parquet_keeps_the_types_and_carries_the_note_as_metadata()
    {
        var (bytes, _) = await ExportAsync(ExportFormat.Parquet, ComplaintFilter.All with { From = new DateOnly(2024, 2, 1) });

        var path = Path.Combine(_reports.Warehouse.Directory, "export.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        using var connection = _reports.Warehouse.Database.OpenConnection();
        Assert.Equal(6L, connection.Scalar<long>($"SELECT count(*) FROM read_parquet('{path}')"));
        var types = connection.QueryList($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(t => t.Item1, t => t.Item2);
        Assert.Equal(20, types.Count);
        Assert.Equal("TIMESTAMP", types["received_at"]);
        Assert.Equal("DECIMAL(18,2)", types["cost"]);
        Assert.Equal("INTEGER", types["quantity"]);
        var metadata = connection.QueryList($"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(m => m.Item1, m => m.Item2);
        Assert.Equal("6", metadata["complaints.rows"]);
        Assert.Equal("from=2024-02-01", metadata["complaints.filter"]);
    }

    [Fact]
    public async Task Arrow_IPC_reads_back_with_every_row_and_the_note_in_its_schema()
    {
        var (bytes, _) = await ExportAsync(ExportFormat.Arrow, ComplaintFilter.All);

        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        long rows = 0;
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
            using (batch)
                rows += batch.Length;
        Assert.Equal(9, rows);
        Assert.Equal(20, reader.Schema.FieldsList.Count);
        Assert.Equal("9", reader.Schema.Metadata["complaints.rows"]);
        Assert.IsType<Apache.Arrow.Types.TimestampType>(reader.Schema.GetFieldByName("received_at").DataType);
        Assert.IsType<Apache.Arrow.Types.StringType>(reader.Schema.GetFieldByName("description").DataType, exactMatch: false);
    }

    [Fact]
    public async Task Past_Excels_row_limit_the_xlsx_is_refused_before_a_byte_is_written()
    {
        // 1,048,576 complaints: one more than a sheet holds under its header.
        await _reports.Warehouse.Database.WriteAsync(connection => Task.FromResult(connection.Execute("""
            INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, run_id)
            SELECT 'bulk', 'B' || i, TIMESTAMPTZ '2025-01-01 00:00:00+00', TIMESTAMPTZ '2025-01-01 00:00:00+00', 'new', 'HA-0001', 0
            FROM range(1048576) t(i)
            """)));

        using var output = new MemoryStream();
        var refused = await Assert.ThrowsAsync<TooManyRowsForExcel>(() =>
            _reports.Exports.WriteAsync(ExportFormat.Xlsx, output, ComplaintFilter.All with { From = new DateOnly(2025, 1, 1) }, null, English));

        Assert.Equal(1_048_576, refused.Rows);
        Assert.Equal(0, output.Length);
        Assert.Contains("CSV, Parquet or Arrow", refused.Message);
    }
}
