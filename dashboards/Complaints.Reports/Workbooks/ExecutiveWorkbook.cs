using System.Globalization;
using ClosedXML.Excel;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Reports.Resources;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;

namespace Complaints.Reports.Workbooks;

/// <summary>
/// Writes a report's figures as a workbook (ClosedXML): a cover sheet, then one sheet per section, each an Excel table
/// with a frozen header, autofilter, real types and fitted widths, in the report's language. ClosedXML 0.95 draws no
/// charts, so the trend is a table shaped for one (month, count).
/// </summary>
public static class ExecutiveWorkbook
{
    public static void Write(WorkbookFigures figures, CultureInfo culture, Stream output)
    {
        using var workbook = new XLWorkbook();
        var writer = new Writer(workbook, figures, culture);
        writer.Cover();
        var report = figures.Report;
        if (report.Has(WorkbookSection.Kpis)) writer.Kpis();
        if (report.Has(WorkbookSection.Trend)) writer.Trend();
        if (report.Has(WorkbookSection.TopProducts)) writer.TopProducts();
        if (report.Has(WorkbookSection.Costs)) writer.Costs();
        if (report.Has(WorkbookSection.Sla)) writer.Sla();
        if (report.Has(WorkbookSection.Backlog)) writer.Backlog();
        if (report.Has(WorkbookSection.Signals)) writer.Signals();
        if (report.Has(WorkbookSection.AtRisk)) writer.AtRisk();
        if (report.Has(WorkbookSection.Feedback)) writer.Feedback();
        workbook.SaveAs(output);
    }

    /// <summary>The file name a download or a mail attachment gets, e.g. executive-2026-11-01-2026-11-30.xlsx.</summary>
    public static string FileName(WorkbookFigures figures) =>
        $"{figures.Report.Name}-{figures.Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}-{figures.Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? figures.GeneratedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    private sealed class Writer(XLWorkbook workbook, WorkbookFigures figures, CultureInfo culture)
    {
        private readonly CellFormats _formats = CellFormats.For(culture, figures.Currency);
        private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(figures.TimeZone);

        private string T(string key, params object?[] args) => ReportText.Get(culture, key, args);

        private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

        public void Cover()
        {
            var sheet = workbook.Worksheets.Add(T("Sheet.Cover"));
            sheet.Cell(1, 1).Value = T($"Report.{figures.Report.Name}");
            sheet.Cell(1, 1).Style.Font.Bold = true;
            sheet.Cell(1, 1).Style.Font.FontSize = 18;
            var filter = figures.Filter;
            var row = 3;
            void Line(string label, object? value, string? format = null)
            {
                sheet.Cell(row, 1).Value = T(label);
                sheet.Cell(row, 1).Style.Font.Bold = true;
                SheetTable.Set(sheet.Cell(row, 2), value, format);
                sheet.Cell(row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
                row++;
            }
            if (filter.From is null && filter.To is null)
                Line("Cover.Period", T("Cover.AllTime"));
            else
            {
                Line("Cover.Period", filter.From, _formats.Date);
                SheetTable.Set(sheet.Cell(row - 1, 3), filter.To, _formats.Date);
                sheet.Cell(row - 1, 3).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            }
            Line("Cover.Filter", figures.FilterInWords);
            Line("Cover.GeneratedAt", Local(figures.GeneratedAt), _formats.DateTime);
            Line("Cover.DataAsOf", Local(figures.AsOf), _formats.DateTime);
            Line("Cover.LastLoad", figures.LastLoad is { } load ? Local(load) : T("Cover.NeverLoaded"), _formats.DateTime);
            Line("Cover.Currency", figures.Currency);
            Line("Cover.TimeZone", figures.TimeZone);
            row++;
            sheet.Cell(row, 1).Value = T("Cover.Contents");
            sheet.Cell(row, 1).Style.Font.Bold = true;
            foreach (var name in SheetNames())
                sheet.Cell(++row, 1).Value = name;
            if (figures.Report.Has(WorkbookSection.Trend))
                sheet.Cell(row + 2, 1).Value = T("Cover.Charts");
            sheet.Column(1).Width = 30;
            sheet.Column(2).Width = 60;
            sheet.Column(3).Width = 16;
            sheet.Cell(row + 2, 1).Style.Alignment.WrapText = false;
            PrintOnePageWide(sheet);
        }

        /// <summary>Printed or turned into a PDF, a sheet is one page wide, in landscape.</summary>
        private static void PrintOnePageWide(IXLWorksheet sheet)
        {
            sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
            sheet.PageSetup.FitToPages(1, 0);
        }

        private IEnumerable<string> SheetNames()
        {
            var names = new Dictionary<WorkbookSection, string>
            {
                [WorkbookSection.Kpis] = "Sheet.Kpis", [WorkbookSection.Trend] = "Sheet.Trend", [WorkbookSection.TopProducts] = "Sheet.Products",
                [WorkbookSection.Costs] = "Sheet.Costs", [WorkbookSection.Sla] = "Sheet.Sla", [WorkbookSection.Backlog] = "Sheet.Backlog",
                [WorkbookSection.Signals] = "Sheet.Signals", [WorkbookSection.AtRisk] = "Sheet.Risk", [WorkbookSection.Feedback] = "Sheet.Feedback",
            };
            return figures.Report.Sections.Select(s => T(names[s]));
        }

        public void Kpis()
        {
            var kpis = figures.Kpis!;
            var (current, previous) = (kpis.Current, kpis.Previous);
            var rows = new List<KpiRow>
            {
                new(T("Kpi.Received"), current.Received, previous?.Received, _formats.Count),
                new(T("Kpi.StillOpen"), current.StillOpen, previous?.StillOpen, _formats.Count),
                new(T("Kpi.MedianDays"), current.MedianHandlingDays, previous?.MedianHandlingDays, _formats.Decimal),
                new(T("Kpi.Cost"), current.Cost, previous?.Cost, _formats.Money),
                new(T("Kpi.Csat"), current.Csat, previous?.Csat, "0.00"),
            };
            var sheet = Sheet("Sheet.Kpis");
            var next = SheetTable.Write(sheet, 1, "Kpis", [
                new TableColumn<KpiRow>(T("Kpi.Measure"), r => r.Name),
                new TableColumn<KpiRow>(T("Kpi.Current"), r => r.Current, r => r.Format),
                new TableColumn<KpiRow>(T("Kpi.Previous"), r => r.Previous, r => r.Format),
                new TableColumn<KpiRow>(T("Kpi.Change"), r => r.Change, _formats.Change),
            ], rows, T("Empty"));
            sheet.Cell(next, 1).Value = kpis.PreviousFrom is { } from && kpis.PreviousTo is { } to
                ? T("Kpi.PreviousPeriod", from.ToString(culture.DateTimeFormat.ShortDatePattern, culture), to.ToString(culture.DateTimeFormat.ShortDatePattern, culture))
                : T("Kpi.NoPrevious");
            Finish(sheet);
        }

        /// <summary>One key figure with its value in the previous period; the change is relative (0.25 is +25 %), blank without a base.</summary>
        private sealed record KpiRow(string Name, object? Current, object? Previous, string Format)
        {
            public double? Change => (Number(Current), Number(Previous)) switch
            {
                ({ } now, { } before) when before != 0 => (now - before) / before,
                _ => null,
            };

            private static double? Number(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }

        public void Trend()
        {
            var sheet = Sheet("Sheet.Trend");
            SheetTable.Write(sheet, 1, "Trend", [
                new TableColumn<PeriodCount>(T("Col.Month"), p => p.Period, _formats.Month),
                new TableColumn<PeriodCount>(T("Col.Complaints"), p => p.Complaints, _formats.Count),
            ], figures.Trend, T("Empty"));
            Finish(sheet);
            // Widths are measured on the stored serial number, not the month name a reader sees ("październik 2026").
            sheet.Column(1).Width = Math.Max(sheet.Column(1).Width, 20);
        }

        public void TopProducts()
        {
            var sheet = Sheet("Sheet.Products");
            SheetTable.Write(sheet, 1, "TopProducts", [
                new TableColumn<ProductCount>(T("Col.Sku"), p => p.Sku),
                new TableColumn<ProductCount>(T("Col.Product"), p => p.Name),
                new TableColumn<ProductCount>(T("Col.ProductLine"), p => p.ProductLine),
                new TableColumn<ProductCount>(T("Col.Complaints"), p => p.Complaints, _formats.Count),
            ], figures.TopProducts, T("Empty"));
            Finish(sheet);
        }

        public void Costs()
        {
            var sheet = Sheet("Sheet.Costs");
            Title(sheet, 1, "Costs.ByType");
            var next = SheetTable.Write(sheet, 2, "CostByType", [
                new TableColumn<CostTypeCost>(T("Col.CostType"), c => c.CostType),
                new TableColumn<CostTypeCost>(T("Col.Amount"), c => c.Amount, _formats.Money),
                new TableColumn<CostTypeCost>(T("Col.Bookings"), c => c.Costs, _formats.Count),
                new TableColumn<CostTypeCost>(T("Col.CostedComplaints"), c => c.Complaints, _formats.Count),
                new TableColumn<CostTypeCost>(T("Col.Unconverted"), c => c.UnconvertedCosts, _formats.Count),
            ], figures.CostByType, T("Empty"));
            if (figures.CostSummary is { UnconvertedCosts: > 0 } summary)
                sheet.Cell(next++ - 1, 1).Value = T("Costs.Unconverted", summary.UnconvertedCosts, string.Join(", ", summary.UnconvertedCurrencies));
            Title(sheet, next, "Costs.ByProduct");
            SheetTable.Write(sheet, next + 1, "CostByProduct", [
                new TableColumn<ProductCostFigure>(T("Col.Sku"), c => c.Sku),
                new TableColumn<ProductCostFigure>(T("Col.Product"), c => c.Name),
                new TableColumn<ProductCostFigure>(T("Col.ProductLine"), c => c.ProductLine),
                new TableColumn<ProductCostFigure>(T("Col.Amount"), c => c.Amount, _formats.Money),
                new TableColumn<ProductCostFigure>(T("Col.CostedComplaints"), c => c.Complaints, _formats.Count),
            ], figures.CostByProduct, T("Empty"));
            Finish(sheet, frozenRows: 2);
        }

        public void Sla()
        {
            var a = figures.Sla!;
            var sheet = Sheet("Sheet.Sla");
            var targets = new List<(string Target, long Decided, long Met, double? Percent)>
            {
                (T("Sla.FirstResponse"), a.FirstResponseDecided, a.FirstResponseMet, a.FirstResponsePercent),
                (T("Sla.Resolution"), a.ResolutionDecided, a.ResolutionMet, a.ResolutionPercent),
                (T("Sla.Statutory"), a.StatutoryDecided, a.StatutoryMet, a.StatutoryPercent),
            };
            var next = SheetTable.Write(sheet, 1, "SlaAchievement", [
                new TableColumn<(string Target, long Decided, long Met, double? Percent)>(T("Col.Target"), t => t.Target),
                new TableColumn<(string Target, long Decided, long Met, double? Percent)>(T("Col.Decided"), t => t.Decided, _formats.Count),
                new TableColumn<(string Target, long Decided, long Met, double? Percent)>(T("Col.Met"), t => t.Met, _formats.Count),
                // The API gives percents (87.5); a cell holds the fraction (0.875) shown as 87.5%.
                new TableColumn<(string Target, long Decided, long Met, double? Percent)>(T("Col.MetPercent"), t => t.Percent / 100.0, _formats.Percent),
            ], targets, T("Empty"));
            Title(sheet, next, "Sla.ByLine");
            SheetTable.Write(sheet, next + 1, "BreachesByLine", [
                new TableColumn<SlaBreaches>(T("Col.ProductLine"), b => b.Value),
                new TableColumn<SlaBreaches>(T("Col.Complaints"), b => b.Complaints, _formats.Count),
                new TableColumn<SlaBreaches>(T("Col.Breached"), b => b.Breached, _formats.Count),
                new TableColumn<SlaBreaches>(T("Col.FirstResponseBreached"), b => b.FirstResponseBreached, _formats.Count),
                new TableColumn<SlaBreaches>(T("Col.ResolutionBreached"), b => b.ResolutionBreached, _formats.Count),
            ], figures.BreachesByLine, T("Empty"));
            Finish(sheet);
        }

        public void Backlog()
        {
            var sheet = Sheet("Sheet.Backlog");
            SheetTable.Write(sheet, 1, "Backlog", [
                new TableColumn<BacklogBucket>(T("Col.Age"), b => b.Bucket),
                new TableColumn<BacklogBucket>(T("Col.Open"), b => b.Complaints, _formats.Count),
                new TableColumn<BacklogBucket>(T("Col.Overdue"), b => b.Overdue, _formats.Count),
            ], figures.Backlog, T("Empty"));
            Finish(sheet);
        }

        public void Signals()
        {
            var sheet = Sheet("Sheet.Signals");
            SheetTable.Write(sheet, 1, "DefectSignals", [
                new TableColumn<StoredSignal>(T("Col.ProductLine"), s => s.Line),
                new TableColumn<StoredSignal>(T("Col.Sku"), s => s.Sku),
                new TableColumn<StoredSignal>(T("Col.Product"), s => s.ProductName),
                new TableColumn<StoredSignal>(T("Col.Category"), s => s.Category),
                new TableColumn<StoredSignal>(T("Col.Method"), s => s.Method),
                new TableColumn<StoredSignal>(T("Col.WindowFrom"), s => s.WindowFrom, _formats.Date),
                new TableColumn<StoredSignal>(T("Col.WindowTo"), s => s.WindowTo, _formats.Date),
                new TableColumn<StoredSignal>(T("Col.Observed"), s => s.Observed, _formats.Count),
                new TableColumn<StoredSignal>(T("Col.Expected"), s => s.Expected, _formats.Decimal),
                new TableColumn<StoredSignal>(T("Col.Status"), s => s.Status),
                new TableColumn<StoredSignal>(T("Col.FirstSeen"), s => s.FirstSeen, _formats.Date),
            ], figures.Signals, T("Signals.None"));
            Finish(sheet);
        }

        public void AtRisk()
        {
            var risk = figures.AtRisk!;
            var sheet = Sheet("Sheet.Risk");
            var next = SheetTable.Write(sheet, 1, "AtRisk", [
                new TableColumn<AtRiskComplaint>(T("Col.Source"), c => c.Source),
                new TableColumn<AtRiskComplaint>(T("Col.Complaint"), c => c.ExternalId),
                new TableColumn<AtRiskComplaint>(T("Col.Sku"), c => c.Sku),
                new TableColumn<AtRiskComplaint>(T("Col.Product"), c => c.ProductName),
                new TableColumn<AtRiskComplaint>(T("Col.Channel"), c => c.Channel),
                new TableColumn<AtRiskComplaint>(T("Col.Segment"), c => c.Segment),
                new TableColumn<AtRiskComplaint>(T("Col.Received"), c => Local(c.ReceivedAt), _formats.DateTime),
                new TableColumn<AtRiskComplaint>(T("Col.Probability"), c => c.Probability, _formats.Percent),
                new TableColumn<AtRiskComplaint>(T("Col.DueAt"), c => c.DueAt is { } due ? Local(due) : null, _formats.DateTime),
                new TableColumn<AtRiskComplaint>(T("Col.HoursLeft"), c => c.HoursLeft, _formats.Decimal),
                new TableColumn<AtRiskComplaint>(T("Col.Reasons"), c => string.Join("; ", c.Reasons.Select(r => r.Words))),
            ], risk.Complaints, T("Risk.NotScored"));
            sheet.Cell(next, 1).Value = risk.Scored == 0 ? T("Risk.NotScored") : T("Risk.ScoredBy", risk.Scored, risk.HighRisk, risk.HighRiskFrom, risk.Target);
            Finish(sheet);
        }

        /// <summary>
        /// The Feedback page's figures: the summary (response rate, CSAT, NPS), then CSAT and NPS per product, channel, team
        /// and handling time, each as its own table. The API's response rate is a percent (62.5); a cell holds the fraction.
        /// </summary>
        public void Feedback()
        {
            var f = figures.Feedback!;
            var (summary, scores) = (f.Summary, f.Summary.Scores);
            var sheet = Sheet("Sheet.Feedback");
            var measures = new List<(string Measure, object? Value, string Format)>
            {
                (T("Feedback.Settled"), summary.SettledComplaints, _formats.Count),
                (T("Feedback.Surveyed"), summary.SurveyedComplaints, _formats.Count),
                (T("Feedback.ResponseRate"), summary.ResponseRatePercent / 100.0, _formats.Percent),
                (T("Col.Answers"), scores.Answers, _formats.Count),
                (T("Col.Csat"), scores.Csat, Csat),
                (T("Col.CsatAnswers"), scores.CsatAnswers, _formats.Count),
                (T("Col.Nps"), scores.Nps, Nps),
                (T("Col.NpsAnswers"), scores.NpsAnswers, _formats.Count),
                (T("Col.Promoters"), scores.Promoters, _formats.Count),
                (T("Col.Detractors"), scores.Detractors, _formats.Count),
            };
            var next = SheetTable.Write(sheet, 1, "FeedbackSummary", [
                new TableColumn<(string Measure, object? Value, string Format)>(T("Kpi.Measure"), m => m.Measure),
                new TableColumn<(string Measure, object? Value, string Format)>(T("Feedback.Value"), m => m.Value, m => m.Format),
            ], measures, T("Empty"));
            sheet.Cell(next - 1, 1).Value = T("Feedback.Note");
            foreach (var (title, table, first, groups) in new[]
            {
                ("Feedback.PerProduct", "FeedbackPerProduct", T("Col.Product"), f.PerProduct),
                ("Feedback.PerChannel", "FeedbackPerChannel", T("Col.Channel"), f.PerChannel),
                ("Feedback.PerTeam", "FeedbackPerTeam", T("Col.Team"), f.PerTeam),
                ("Feedback.ByHandling", "FeedbackByHandling", T("Col.HandlingDays"), f.ByHandlingTime),
            })
            {
                Title(sheet, ++next, title);
                List<TableColumn<FeedbackGroup>> columns = table == "FeedbackPerProduct"
                    ? [new(T("Col.Sku"), g => g.Value), new(first, g => g.Label)]
                    : [new(first, g => g.Label)];
                next = SheetTable.Write(sheet, next + 1, table, [
                    .. columns,
                    new(T("Col.Complaints"), g => g.Complaints, _formats.Count),
                    new(T("Col.Answers"), g => g.Scores.Answers, _formats.Count),
                    new(T("Col.Csat"), g => g.Scores.Csat, Csat),
                    new(T("Col.Nps"), g => g.Scores.Nps, Nps),
                    new(T("Col.Promoters"), g => g.Scores.Promoters, _formats.Count),
                    new(T("Col.Detractors"), g => g.Scores.Detractors, _formats.Count),
                ], groups, T("Feedback.None"));
            }
            Finish(sheet);
        }

        /// <summary>CSAT to two decimals (3.80); NPS in points with its sign, as it is quoted (+12.5, -3.0).</summary>
        private const string Csat = "0.00";
        private const string Nps = "+0.0;-0.0;0.0";

        private IXLWorksheet Sheet(string key) => workbook.Worksheets.Add(T(key));

        private void Title(IXLWorksheet sheet, int row, string key)
        {
            sheet.Cell(row, 1).Value = T(key);
            sheet.Cell(row, 1).Style.Font.Bold = true;
        }

        private static void Finish(IXLWorksheet sheet, int frozenRows = 1)
        {
            sheet.SheetView.FreezeRows(frozenRows);
            // Widths fit the header and values; long texts (reasons, notes) are capped so a sheet stays readable.
            sheet.Columns().AdjustToContents(1, 200, 8, 60);
            PrintOnePageWide(sheet);
        }
    }
}
