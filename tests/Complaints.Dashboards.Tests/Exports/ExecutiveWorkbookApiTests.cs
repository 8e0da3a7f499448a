using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;

namespace Complaints.Dashboards.Tests.Exports;

/// <summary>The executive workbook read back cell by cell against the JSON API for the same filter.</summary>
[Collection(HostCollection.Name)]
public sealed class ExecutiveWorkbookApiTests(DashboardsHost host)
{
    private const string Filter = "from=2024-02-01&to=2024-02-29&asof=2024-03-01T00:00:00Z";

    private async Task<XLWorkbook> WorkbookAsync(string query)
    {
        // A client of its own: ?culture= sets the language cookie, which would follow the shared client into other tests.
        using var http = TestApp.Client(host.BaseAddress);
        var response = await http.GetAsync($"/api/exports/executive.xlsx?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private static IXLTable Table(XLWorkbook workbook, string name) => workbook.Worksheets.SelectMany(s => s.Tables).Single(t => t.Name == name);

    private static IReadOnlyList<IXLTableRow> Rows(XLWorkbook workbook, string name) => [.. Table(workbook, name).DataRange.Rows()];

    [Fact]
    public async Task Every_figure_equals_the_API_for_the_same_filter()
    {
        using var workbook = await WorkbookAsync(Filter);
        var overview = (await host.Http.GetFromJsonAsync<OverviewFigures>($"/api/overview?{Filter}"))!;
        var sla = (await host.Http.GetFromJsonAsync<SlaFigures>($"/api/sla?{Filter}"))!;
        var costs = (await host.Http.GetFromJsonAsync<CostFigures>($"/api/costs?{Filter}"))!;

        var kpis = Rows(workbook, "Kpis");
        var (current, previous) = (overview.Kpis.Current, overview.Kpis.Previous!);
        Assert.Equal([current.Received, current.StillOpen], kpis.Take(2).Select(r => (long)r.Cell(2).GetDouble()));
        Assert.Equal([previous.Received, previous.StillOpen], kpis.Take(2).Select(r => (long)r.Cell(3).GetDouble()));
        Assert.Equal(current.MedianHandlingDays!.Value, kpis[2].Cell(2).GetDouble(), 9);
        Assert.Equal(current.Cost, (decimal)kpis[3].Cell(2).GetDouble());
        Assert.Equal(previous.Cost, (decimal)kpis[3].Cell(3).GetDouble());
        Assert.Equal((double)(current.Received - previous.Received) / previous.Received, kpis[0].Cell(4).GetDouble(), 9);

        Assert.Equal(overview.Trend.Select(p => (p.Period.ToDateTime(TimeOnly.MinValue), p.Complaints)),
            Rows(workbook, "Trend").Select(r => (r.Cell(1).GetDateTime(), (long)r.Cell(2).GetDouble())));
        Assert.Equal(overview.ComplaintsPerProduct.Take(20).Select(p => (p.Sku, p.Name, p.Complaints)),
            Rows(workbook, "TopProducts").Select(r => (r.Cell(1).GetString(), r.Cell(2).GetString(), (long)r.Cell(4).GetDouble())));

        Assert.Equal(costs.PerCostType.Select(c => (c.CostType, c.Amount, c.Costs)),
            Rows(workbook, "CostByType").Select(r => (r.Cell(1).GetString(), (decimal)r.Cell(2).GetDouble(), (long)r.Cell(3).GetDouble())));
        Assert.Equal(costs.PerProduct.Select(c => (c.Sku, c.Amount, c.Complaints)),
            Rows(workbook, "CostByProduct").Select(r => (r.Cell(1).GetString(), (decimal)r.Cell(4).GetDouble(), (long)r.Cell(5).GetDouble())));

        var achievement = Rows(workbook, "SlaAchievement");
        var a = sla.Achievement;
        Assert.Equal([a.FirstResponseDecided, a.ResolutionDecided, a.StatutoryDecided], achievement.Select(r => (long)r.Cell(2).GetDouble()));
        Assert.Equal([a.FirstResponseMet, a.ResolutionMet, a.StatutoryMet], achievement.Select(r => (long)r.Cell(3).GetDouble()));
        Assert.Equal([a.FirstResponsePercent, a.ResolutionPercent, a.StatutoryPercent],
            achievement.Select(r => r.Cell(4).IsEmpty() ? (double?)null : Math.Round(r.Cell(4).GetDouble() * 100, 2)));
        Assert.Equal(sla.BreachesByProductLine.Select(b => (b.Value, b.Complaints, b.Breached)),
            Rows(workbook, "BreachesByLine").Select(r => (r.Cell(1).GetString(), (long)r.Cell(2).GetDouble(), (long)r.Cell(3).GetDouble())));
        Assert.Equal(sla.Backlog.Select(b => (b.Bucket, b.Complaints, b.Overdue)),
            Rows(workbook, "Backlog").Select(r => (r.Cell(1).GetString(), (long)r.Cell(2).GetDouble(), (long)r.Cell(3).GetDouble())));
    }

    [Fact]
    public async Task Cells_have_real_types_and_formats_and_headers_stay_in_view()
    {
        using var workbook = await WorkbookAsync(Filter);

        var kpis = workbook.Worksheet("Key figures");
        Assert.Equal(1, kpis.SheetView.SplitRow);
        Assert.True(Table(workbook, "Kpis").ShowAutoFilter);
        Assert.Equal(XLDataType.Number, kpis.Cell(2, 2).DataType);
        Assert.Equal("#,##0", kpis.Cell(2, 2).Style.NumberFormat.Format);
        Assert.Equal("#,##0.00 \"PLN\"", kpis.Cell(5, 2).Style.NumberFormat.Format);
        Assert.Contains("%", kpis.Cell(2, 4).Style.NumberFormat.Format);
        var trend = workbook.Worksheet("Monthly trend");
        // A date serial with a date format (ClosedXML reads a locale-tagged format back as a number; Excel and LibreOffice show a month).
        Assert.Equal(new DateTime(2024, 2, 1), trend.Cell(2, 1).GetDateTime());
        Assert.Equal("[$-809]mmm yyyy", trend.Cell(2, 1).Style.DateFormat.Format);
        Assert.Equal("0.0%", workbook.Worksheet("SLA").Cell(2, 4).Style.NumberFormat.Format);

        var cover = workbook.Worksheet("Cover");
        Assert.Equal("Executive report", cover.Cell(1, 1).GetString());
        Assert.Equal(new DateTime(2024, 2, 1), cover.Cell(3, 2).GetDateTime());
        Assert.Equal(new DateTime(2024, 2, 29), cover.Cell(3, 3).GetDateTime());
        Assert.StartsWith("received 1 Feb 2024–29 Feb 2024 · as of 1 Mar 2024", cover.Cell(4, 2).GetString());
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0), cover.Cell(6, 2).GetDateTime()); // data as of, in Warsaw time
        Assert.True(cover.Cell(7, 2).GetDateTime() > new DateTime(2025, 1, 1)); // the warehouse's last load: the fixture's, today
    }

    [Fact]
    public async Task A_Polish_workbook_has_Polish_sheets_labels_and_filter_words()
    {
        using var workbook = await WorkbookAsync(Filter + "&culture=pl-PL");

        Assert.Equal(["Okładka", "Wskaźniki", "Trend miesięczny", "Najczęstsze produkty", "Koszty", "SLA", "Wiek zaległości", "Sygnały wad", "Największe ryzyko"],
            workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("Raport dla zarządu", workbook.Worksheet("Okładka").Cell(1, 1).GetString());
        Assert.StartsWith("przyjęte 1 lut 2024–29 lut 2024", workbook.Worksheet("Okładka").Cell(4, 2).GetString());
        Assert.StartsWith("[$-415]", workbook.Worksheet("Trend miesięczny").Cell(2, 1).Style.DateFormat.Format);
    }

    [Fact]
    public async Task A_bad_filter_or_an_unknown_report_says_what_to_fix()
    {
        var badDate = await host.Http.GetAsync("/api/exports/executive.xlsx?from=yesterday");
        var unknown = await host.Http.GetAsync("/api/exports/board.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("from", await badDate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("executive.xlsx", await unknown.Content.ReadAsStringAsync());
    }
}
