using System.Data;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Complaints.Reports.Resources;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using DuckDB.NET.Data;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Complaints.Reports.Exports;

/// <summary>
/// The complaint list behind a figure, whole, in four formats with the same twenty columns and types
/// (ComplaintListQueries.ExportPages). Every one streams from the warehouse to the output in bounded memory, page by
/// page of the list's order (ComplaintExportPages): .xlsx through SpreadCheetah (refused past Excel's row limit, never
/// cut), CSV written row by row, Parquet by DuckDB's own COPY, Arrow IPC from DuckDB's Arrow batches. Each states its
/// row count, filter and time.
/// </summary>
/// <param name="pageSize">Rows per page of the list read at a time; tests pass a small one to cross many page boundaries.</param>
public sealed class ComplaintExports(ComplaintListQueries list, DescribeFilter describe, TimeProvider time, int pageSize = ComplaintExportPages.DefaultPageSize)
{
    /// <param name="withFreeText">The reader holds the personal-data permission: the search reads the text as stored, not masked.</param>
    public long Count(ComplaintFilter filter, string? search, bool withFreeText = false) => list.Count(filter, search, withFreeText);

    public static string FileName(ExportFormat format, DateTimeOffset at) => $"complaints-{at:yyyyMMdd-HHmmss}.{format.Extension()}";

    /// <param name="withFreeText">Whether the reader holds the personal-data permission: the description column names people and is left empty otherwise.</param>
    public async Task<ExportNote> WriteAsync(ExportFormat format, Stream output, ComplaintFilter filter, string? search, CultureInfo culture,
        bool withFreeText = false, CancellationToken cancellationToken = default)
    {
        using var pages = list.ExportPages(filter, search, withFreeText, pageSize);
        // The pages' own count, from their snapshot: the note and the sheet's autofilter agree with the rows written.
        if (format == ExportFormat.Xlsx && pages.Rows > ExportFormats.ExcelDataRows)
            throw new TooManyRowsForExcel(pages.Rows);
        var note = new ExportNote(pages.Rows, describe(filter, culture), QueryOf(filter), string.IsNullOrWhiteSpace(search) ? null : search.Trim(), time.GetUtcNow());
        var written = format switch
        {
            ExportFormat.Xlsx => await WriteXlsxAsync(pages.Commands(), output, note, culture, cancellationToken),
            ExportFormat.Csv => await WriteCsvAsync(pages.Commands(), output, note, cancellationToken),
            ExportFormat.Parquet => await WriteParquetAsync(pages.Connection, pages.Commands(), output, note, cancellationToken),
            _ => await WriteArrowAsync(pages.Commands(), output, note, cancellationToken),
        };
        return note with { Rows = written };
    }

    /// <summary>The filter as the query string that reproduces it; values URL-encoded.</summary>
    public static string QueryOf(ComplaintFilter filter) => string.Join("&", filter.ToQuery().Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>The pages into one sheet, read a few batches ahead of SpreadCheetah on a thread of their own (<see cref="PageRows{TBatch}"/>).</summary>
    private static async Task<long> WriteXlsxAsync(IEnumerable<DuckDBCommand> pages, Stream output, ExportNote note, CultureInfo culture, CancellationToken ct)
    {
        await using var sheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 65536 }, ct);
        var header = sheet.AddStyle(new Style { Font = { Bold = true } });
        var count = sheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") });
        var columns = 0;
        var written = await PageRows<Cell[]>.CopyAsync(pages,
            async reader =>
            {
                var cells = await StartListSheetAsync(sheet, reader, note, culture, header, count, ct);
                columns = cells.Length;
                return (r, batch) =>
                {
                    var rows = 0;
                    for (; rows < PageRows<Cell[]>.BatchRows && r.Read(); rows++)
                        for (int c = 0, at = rows * columns; c < columns; c++, at++)
                            batch[at] = r.IsDBNull(c) ? new Cell() : cells[c](r, c);
                    return rows;
                };
            },
            () => new Cell[PageRows<Cell[]>.BatchRows * columns],
            async (batch, rows) =>
            {
                for (var r = 0; r < rows; r++)
                    await sheet.AddRowAsync(batch.AsMemory(r * columns, columns), ct);
            }, ct);
        var about = new WorksheetOptions();
        about.Column(1).Width = 24;
        about.Column(2).Width = 80;
        await sheet.StartWorksheetAsync(ReportText.Get(culture, "Sheet.About"), about, ct);
        async Task Line(string key, Cell value) => await sheet.AddRowAsync([new Cell(ReportText.Get(culture, key), header), value], ct);
        await Line("About.Rows", new Cell(written, count));
        await Line("Cover.Filter", new Cell(SafeText.Neutralise(note.FilterInWords)));
        if (note.Search is { } search)
            await Line("About.Search", new Cell(SafeText.Neutralise(search)));
        await Line("Cover.GeneratedAt", new Cell(note.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        await sheet.AddRowAsync([new Cell(ReportText.Get(culture, "About.Complete"))], ct);
        await sheet.FinishAsync(ct);
        return written;
    }

    /// <summary>The list's sheet and its header row, from the first page's columns; returns one typed getter per column, chosen once.</summary>
    private static async Task<Func<DuckDBDataReader, int, Cell>[]> StartListSheetAsync(Spreadsheet sheet, DuckDBDataReader reader, ExportNote note, CultureInfo culture,
        StyleId header, StyleId count, CancellationToken ct)
    {
        var columns = reader.FieldCount;
        var options = new WorksheetOptions { FrozenRows = 1 };
        options.AutoFilter = new AutoFilterOptions($"A1:{ColumnLetter(columns)}{note.Rows + 1}");
        for (var c = 0; c < columns; c++)
            options.Column(c + 1).Width = Width(reader.GetName(c));
        await sheet.StartWorksheetAsync(ReportText.Get(culture, "Sheet.Complaints"), options, ct);
        var dateTime = sheet.AddStyle(new Style { Format = NumberFormat.Custom(CellFormats.For(culture, "").DateTime) });
        var money = sheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00") });
        var days = sheet.AddStyle(new Style { Format = NumberFormat.Custom("0.00") });
        await sheet.AddRowAsync(Enumerable.Range(0, columns).Select(c => new Cell(reader.GetName(c), header)).ToArray(), ct);
        // One typed getter per column: the row loop runs twenty million times for a million rows.
        var cells = new Func<DuckDBDataReader, int, Cell>[columns];
        for (var c = 0; c < columns; c++)
        {
            var type = reader.GetFieldType(c);
            cells[c] = type == typeof(string) ? (r, i) => new Cell(SafeText.Neutralise(r.GetString(i)))
                : type == typeof(DateTime) ? (r, i) => new Cell(r.GetDateTime(i), dateTime)
                : type == typeof(decimal) ? (r, i) => new Cell(r.GetDecimal(i), money)
                : type == typeof(double) ? (r, i) => new Cell(r.GetDouble(i), days)
                : type == typeof(int) ? (r, i) => new Cell(r.GetInt32(i), count)
                : type == typeof(long) ? (r, i) => new Cell(r.GetInt64(i), count)
                : (r, i) => new Cell(SafeText.Neutralise(Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? ""));
        }
        return cells;
    }

    private static double Width(string column) => column switch
    {
        "description" => 60, "product_name" => 28, "received_at" or "first_response_at" or "resolved_at" => 17, "external_id" => 16, _ => 14,
    };

    private static string ColumnLetter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
            letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    /// <summary>
    /// RFC 4180 CSV in UTF-8 (with a byte-order mark, so Excel reads the Polish letters), formula-safe, then the note as a
    /// '#' line. Lines are made a few batches ahead of the writer on the pages' own thread (<see cref="PageRows{TBatch}"/>).
    /// </summary>
    internal static async Task<long> WriteCsvAsync(IEnumerable<DuckDBCommand> pages, Stream output, ExportNote note, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true) { NewLine = "\r\n" };
        var written = await PageRows<StringBuilder>.CopyAsync(pages,
            async reader =>
            {
                var columns = reader.FieldCount;
                await writer.WriteLineAsync(string.Join(",", Enumerable.Range(0, columns).Select(reader.GetName)));
                var cells = Enumerable.Range(0, columns).Select(c => CsvCell(reader.GetFieldType(c))).ToArray();
                return (r, lines) =>
                {
                    lines.Clear();
                    var rows = 0;
                    for (; rows < PageRows<StringBuilder>.BatchRows && r.Read(); rows++)
                    {
                        for (var c = 0; c < columns; c++)
                        {
                            if (c > 0) lines.Append(',');
                            if (!r.IsDBNull(c))
                                cells[c](lines, r, c);
                        }
                        lines.Append("\r\n");
                    }
                    return rows;
                };
            },
            () => new StringBuilder(),
            async (lines, _) => await writer.WriteAsync(lines, ct), ct);
        await writer.WriteLineAsync((note with { Rows = written }).Line());
        return written;
    }

    /// <summary>How a column's value goes into a CSV line, by its type: typed getters, numbers and times in the invariant culture, no boxing.</summary>
    private static Action<StringBuilder, DuckDBDataReader, int> CsvCell(Type type) =>
        type == typeof(string) ? (line, r, i) => AppendCsv(line, r.GetString(i))
        : type == typeof(DateTime) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetDateTime(i):yyyy-MM-dd HH:mm:ss}")
        : type == typeof(DateOnly) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetFieldValue<DateOnly>(i):yyyy-MM-dd}")
        : type == typeof(decimal) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetDecimal(i)}")
        : type == typeof(double) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetDouble(i)}")
        : type == typeof(long) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetInt64(i)}")
        : type == typeof(int) ? (line, r, i) => line.Append(CultureInfo.InvariantCulture, $"{r.GetInt32(i)}")
        : (line, r, i) => AppendCsv(line, r.GetValue(i));

    private static void AppendCsv(StringBuilder line, object value)
    {
        switch (value)
        {
            case string text:
                text = SafeText.Neutralise(text);
                if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                    line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else
                    line.Append(text);
                break;
            case DateOnly day:
                line.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime at:
                line.Append(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                line.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                line.Append(value);
                break;
        }
    }

    /// <summary>
    /// DuckDB writes Parquet itself (COPY), typed, with the note as key-value metadata: each page (its parameters bound
    /// as always) to a file of its own, then the pages' files, in their order, into one (a scan of a list of files keeps
    /// their order and their rows'). So DuckDB never holds more than a page; a temporary table per page would have held
    /// them all, as a table dropped inside the export's transaction keeps its rows until the transaction ends.
    /// </summary>
    internal static async Task<long> WriteParquetAsync(DuckDBConnection connection, IEnumerable<DuckDBCommand> pages, Stream output, ExportNote note, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"complaints-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = new List<string>();
            long written = 0;
            foreach (var page in pages)
            {
                using (page)
                {
                    files.Add(Path.Combine(folder, $"page-{files.Count:D6}.parquet"));
                    // The file name is ours (a GUID folder and a number): nothing that can end the literal.
                    page.CommandText = $"COPY ({page.CommandText}) TO '{files[^1]}' (FORMAT parquet, COMPRESSION uncompressed)";
                    written += page.ExecuteNonQuery();
                }
            }
            var path = Path.Combine(folder, "export.parquet");
            // The metadata's values are digits, a timestamp and URL-encoded text: nothing that can end a literal.
            var metadata = string.Join(", ", (note with { Rows = written }).Metadata().Select(m => $"'{m.Key}': '{m.Value}'"));
            // Row groups of 50,000: the copy keeps each until it is written in order, and at DuckDB's default of 122,880
            // the million-row export's process peaked at 1,024 MiB against 591 MiB (measured while building this).
            connection.Execute($"COPY (SELECT * FROM read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}])) TO '{path}' " +
                $"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000, KV_METADATA {{{metadata}}})");
            await using (var file = File.OpenRead(path))
                await file.CopyToAsync(output, ct);
            return written;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Arrow IPC stream of DuckDB's own batches, page after page, the note in the schema's metadata.</summary>
    internal static async Task<long> WriteArrowAsync(IEnumerable<DuckDBCommand> pages, Stream output, ExportNote note, CancellationToken ct)
    {
        // The schema's metadata must be known before the first batch; the row count is the up-front count.
        var metadata = note.Metadata().ToDictionary(m => m.Key, m => m.Value);
        (ArrowStreamWriter Writer, Schema Schema)? open = null;
        long written = 0;
        try
        {
            foreach (var page in pages)
            {
                using (page)
                using (var stream = page.ExecuteArrowStream())
                {
                    if (open is null)
                    {
                        var schema = new Schema(stream.Schema.FieldsList, metadata);
                        open = (new ArrowStreamWriter(output, schema, leaveOpen: true), schema);
                        // The schema goes first even when no batch follows: an empty result still reads back with its columns and note.
                        await open.Value.Writer.WriteStartAsync(ct);
                    }
                    while (await stream.ReadNextRecordBatchAsync(ct) is { } batch)
                    {
                        using (batch)
                        {
                            await open.Value.Writer.WriteRecordBatchAsync(new RecordBatch(open.Value.Schema, batch.Arrays, batch.Length), ct);
                            written += batch.Length;
                        }
                    }
                }
            }
            if (open is { } done)
                await done.Writer.WriteEndAsync(ct);
            return written;
        }
        finally
        {
            open?.Writer.Dispose();
        }
    }
}
