using System.Globalization;
using Complaints.Reports.Resources;
using Complaints.Warehouse.AuditReports;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// The audit report as a readable PDF summary (PDFsharp, A4 landscape): a cover page with the period, filter, the
/// audit chain's head, the content digest and the figures, then the lists an auditor reads — the register, the missed
/// statutory deadlines with how late, the SLA breaches and the roll-backs — as paginated tables whose header repeats on
/// every page, and "page n of m" on each. Lists hold at most <see cref="AuditReportContent.ExcerptRows"/> rows each
/// and say so; the workbook holds every row.
/// </summary>
public static class AuditReportPdf
{
    private const double Margin = 36, LineHeight = 13, LabelWidth = 250;

    private sealed record Column(string Name, string Header, double Width);

    public static void Write(AuditReportCover cover, Stream output, CultureInfo culture)
    {
        DejaVuFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = ReportText.Get(culture, "AuditReport.SummaryTitle");
        document.Info.Subject = $"{cover.Scope.From:yyyy-MM-dd} – {cover.Scope.To:yyyy-MM-dd}";
        var writer = new PageWriter(document, cover, culture);
        writer.CoverPage();
        var s = cover.Summary.Sheets;
        writer.Table("AuditReport.RegisterList", s[AuditSheet.Register], cover.Summary.Figures.Complaints,
            [new("external_id", "id", 90), new("received", "received", 95), new("acknowledged", "acknowledged", 95), new("remedy_sought", "remedy", 70),
             new("decision", "decision", 80), new("answer_sent", "answer sent", 95), new("closed", "closed", 95), new("channel", "channel", 60), new("product", "product", 80)]);
        writer.Table("AuditReport.MissedList", s[AuditSheet.Statutory], cover.Summary.Figures.StatutoryMissed,
            [new("external_id", "id", 110), new("received", "received", 110), new("deadline", "deadline", 90), new("answered_on", "answered", 90),
             new("outcome", "outcome", 120), new("days_late", "days late", 70)]);
        writer.Table("AuditReport.BreachList", s[AuditSheet.SlaBreaches], s[AuditSheet.SlaBreaches].Total,
            [new("external_id", "id", 100), new("policy", "policy", 110), new("target", "target", 90), new("due", "due", 110), new("done", "done", 110),
             new("hours_over", "hours over", 80)]);
        writer.Table("AuditReport.RollBackList", s[AuditSheet.RollBacks], s[AuditSheet.RollBacks].Total,
            [new("run_id", "run", 50), new("feed", "feed", 80), new("file_name", "file", 200), new("loaded", "loaded", 105), new("rolled_back", "rolled back", 105),
             new("rolled_back_by", "by", 150)]);
        writer.Finish();
        document.Save(output, closeStream: false);
    }

    /// <summary>Draws pages top to bottom, starting a new page (with the running header) when one is full.</summary>
    private sealed class PageWriter(PdfDocument document, AuditReportCover cover, CultureInfo culture)
    {
        private readonly XFont _regular = new(DejaVuFonts.Family, 8.5, XFontStyleEx.Regular);
        private readonly XFont _bold = new(DejaVuFonts.Family, 8.5, XFontStyleEx.Bold);
        private readonly XFont _heading = new(DejaVuFonts.Family, 13, XFontStyleEx.Bold);
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private string T(string key, params object?[] args) => ReportText.Get(culture, key, args);

        public void CoverPage()
        {
            NewPage();
            Heading(T("AuditReport.SummaryTitle"));
            foreach (var (label, value) in cover.Lines(culture))
                Pair(label, value is long n ? n.ToString("N0", culture) : (string)value);
            Wrapped(T("AuditReport.DigestNote"), LabelWidth);
            _y += LineHeight;
            Heading(T("AuditReport.Figures"));
            foreach (var (label, value) in cover.Figures(culture))
                Pair(label, value.ToString("N0", culture));
        }

        public void Table(string titleKey, SheetExcerpt sheet, long total, IReadOnlyList<Column> columns)
        {
            if (_y > Bottom - 6 * LineHeight) NewPage();
            _y += LineHeight / 2;
            Heading(T(titleKey));
            if (total == 0)
            {
                Text(T("AuditReport.None"), Margin, _regular);
                _y += LineHeight;
                return;
            }
            if (sheet.Rows.Count < total)
            {
                Text(T("AuditReport.Excerpt", sheet.Rows.Count, total), Margin, _regular);
                _y += LineHeight;
            }
            var index = columns.Select(c => c.Name == "external_id" ? -1 : IndexOf(sheet, c.Name)).ToArray();
            var source = IndexOf(sheet, "source");
            var external = IndexOf(sheet, "external_id");
            Header(columns);
            foreach (var row in sheet.Rows)
            {
                if (_y > Bottom)
                {
                    NewPage();
                    Heading(T(titleKey));
                    Header(columns);
                }
                var x = Margin;
                for (var c = 0; c < columns.Count; c++)
                {
                    var text = index[c] < 0 ? $"{row[source]}/{row[external]}" : Format(row[index[c]]);
                    Text(Fit(text, columns[c].Width - 4, _regular), x, _regular);
                    x += columns[c].Width;
                }
                _y += LineHeight;
            }
        }

        /// <summary>Writes "page n of m" on every page once all are drawn.</summary>
        public void Finish()
        {
            _gfx?.Dispose();
            for (var i = 0; i < document.PageCount; i++)
            {
                using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var text = T("AuditReport.Page", i + 1, document.PageCount);
                var width = gfx.MeasureString(text, _regular).Width;
                gfx.DrawString(text, _regular, XBrushes.Black, document.Pages[i].Width.Point - Margin - width, document.Pages[i].Height.Point - Margin / 2);
            }
        }

        private double Bottom => _page!.Height.Point - Margin - LineHeight;

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _page.Orientation = PageOrientation.Landscape;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            // The running header: what this is, for which period, and the digest that identifies its content.
            var header = $"{T("AuditReport.SummaryTitle")} · {cover.Scope.From:yyyy-MM-dd} – {cover.Scope.To:yyyy-MM-dd} · SHA-256 {cover.Summary.ContentSha256}";
            _gfx.DrawString(Fit(header, _page.Width.Point - 2 * Margin, _regular), _regular, XBrushes.Gray, Margin, _y);
            _gfx.DrawLine(XPens.LightGray, Margin, _y + 4, _page.Width.Point - Margin, _y + 4);
            _y += 2 * LineHeight;
        }

        private void Heading(string text)
        {
            _gfx!.DrawString(text, _heading, XBrushes.Black, Margin, _y + 4);
            _y += 1.6 * LineHeight;
        }

        private void Header(IReadOnlyList<Column> columns)
        {
            var x = Margin;
            foreach (var column in columns)
            {
                Text(column.Header, x, _bold);
                x += column.Width;
            }
            _gfx!.DrawLine(XPens.Gray, Margin, _y + 3, x, _y + 3);
            _y += LineHeight;
        }

        private void Pair(string label, string value)
        {
            Text(label, Margin, _bold);
            Text(value, Margin + LabelWidth, _regular);
            _y += LineHeight;
        }

        private void Wrapped(string text, double indent)
        {
            var width = _page!.Width.Point - 2 * Margin - indent;
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_gfx!.MeasureString(candidate, _regular).Width > width && line.Length > 0)
                {
                    Text(line, Margin + indent, _regular);
                    _y += LineHeight;
                    candidate = word;
                }
                line = candidate;
            }
            if (line.Length > 0)
            {
                Text(line, Margin + indent, _regular);
                _y += LineHeight;
            }
        }

        private void Text(string text, double x, XFont font) => _gfx!.DrawString(text, font, XBrushes.Black, x, _y);

        private string Fit(string text, double width, XFont font)
        {
            if (_gfx!.MeasureString(text, font).Width <= width) return text;
            while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width)
                text = text[..^1];
            return text + "…";
        }

        private string Format(object? value) => value switch
        {
            null => "",
            DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double number => number.ToString("N2", culture),
            long number => number.ToString("N0", culture),
            int number => number.ToString("N0", culture),
            bool flag => flag ? "✓" : "",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };

        private static int IndexOf(SheetExcerpt sheet, string column)
        {
            var i = sheet.Columns.ToList().IndexOf(column);
            return i >= 0 ? i : throw new InvalidOperationException($"The audit report's sheet has no column {column}.");
        }
    }
}
