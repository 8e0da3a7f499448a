using System.Globalization;
using Complaints.Reports.Exports;
using Complaints.Reports.Resources;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse.AuditReports;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// The audit report as a workbook, streamed by SpreadCheetah: the cover first (title, period, filter, generation time,
/// the audit chain's head, the content digest, the figures, what each register column maps to), then every row of
/// each sheet straight from its reader, with real types: dates as dates, counts as numbers, flags as booleans, and
/// text that looks like a formula neutralised. Memory stays bounded whatever the row count.
/// </summary>
public static class AuditReportWorkbook
{
    public static async Task WriteAsync(AuditReportRows source, AuditReportCover cover, Stream output, CultureInfo culture, CancellationToken ct)
    {
        await using var book = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 65536 }, ct);
        var formats = CellFormats.For(culture, "");
        var bold = book.AddStyle(new Style { Font = { Bold = true } });
        var title = book.AddStyle(new Style { Font = { Bold = true, Size = 14 } });
        var styles = new CellStyles(
            book.AddStyle(new Style { Format = NumberFormat.Custom(formats.DateTime) }),
            book.AddStyle(new Style { Format = NumberFormat.Custom(formats.Date) }),
            book.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") }),
            book.AddStyle(new Style { Format = NumberFormat.Custom("0.00") }));

        await WriteCoverAsync(book, cover, culture, bold, title, styles, ct);
        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            using var command = source.Command(sheet);
            using var reader = command.ExecuteReader();
            var columns = reader.FieldCount;
            var rows = cover.Summary.Sheets[sheet].Total;
            var options = new WorksheetOptions { FrozenRows = 1 };
            options.AutoFilter = new AutoFilterOptions($"A1:{ColumnLetter(columns)}{rows + 1}");
            for (var c = 0; c < columns; c++)
                options.Column(c + 1).Width = Width(reader.GetName(c));
            await book.StartWorksheetAsync(AuditReportCover.SheetName(culture, sheet.ToString()), options, ct);
            var header = new Cell[columns];
            for (var c = 0; c < columns; c++)
                header[c] = new Cell(reader.GetName(c), bold);
            await book.AddRowAsync(header, ct);
            await SheetRows.CopyAsync(reader, ColumnCells.For(reader, styles, source.Zone), book, ct);
        }
        await book.FinishAsync(ct);
    }

    private static async Task WriteCoverAsync(Spreadsheet book, AuditReportCover cover, CultureInfo culture, StyleId bold, StyleId title, CellStyles styles, CancellationToken ct)
    {
        var options = new WorksheetOptions();
        options.Column(1).Width = 46;
        options.Column(2).Width = 100;
        await book.StartWorksheetAsync(AuditReportCover.SheetName(culture, "Cover"), options, ct);
        string T(string key) => ReportText.Get(culture, key);
        await book.AddRowAsync([new Cell(T("AuditReport.Title"), title)], ct);
        await book.AddRowAsync([], ct);
        foreach (var (label, value) in cover.Lines(culture))
            await book.AddRowAsync([new Cell(label, bold), value is long n ? new Cell(n, styles.Count) : new Cell(SafeText.Neutralise((string)value))], ct);
        await book.AddRowAsync([new Cell(), new Cell(T("AuditReport.DigestNote"))], ct);
        await book.AddRowAsync([], ct);
        await book.AddRowAsync([new Cell(T("AuditReport.Figures"), bold)], ct);
        foreach (var (label, value) in cover.Figures(culture))
            await book.AddRowAsync([new Cell(label), new Cell(value, styles.Count)], ct);
        await book.AddRowAsync([], ct);
        await book.AddRowAsync([new Cell(T("AuditReport.Columns"), bold)], ct);
        foreach (var column in AuditReportCover.RegisterColumns)
            await book.AddRowAsync([new Cell(column), new Cell(T("AuditReport.Col." + column))], ct);
        await book.AddRowAsync([], ct);
        await book.AddRowAsync([new Cell(T("AuditReport.Sheets"), bold)], ct);
        foreach (var sheet in new[] { AuditSheet.Statutory, AuditSheet.SlaBreaches, AuditSheet.AccessLog, AuditSheet.Lineage, AuditSheet.Runs, AuditSheet.RollBacks })
            await book.AddRowAsync([new Cell(AuditReportCover.SheetName(culture, sheet.ToString())), new Cell(T("AuditReport.Sheet." + sheet))], ct);
    }

    private static double Width(string column) => column switch
    {
        "before_json" or "after_json" => 60,
        "file_name" or "product_name" or "subject" => 28,
        "hash" or "file_sha256" => 66,
        "received" or "acknowledged" or "answer_sent" or "closed" or "due" or "done" or "occurred" or "loaded" or "rolled_back" => 17,
        _ => 14,
    };

    private static string ColumnLetter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
            letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }
}
