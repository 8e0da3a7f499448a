using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Dashboards.Tests.Sla;
using Complaints.Warehouse.Feedback;

namespace Complaints.Dashboards.Tests.Exports;

/// <summary>The Feedback page's workbook read back cell by cell against <c>/api/feedback</c> for the same filter (the SLA fixture holds the surveys).</summary>
[Collection(HostCollection.Name)]
public sealed class FeedbackWorkbookApiTests(SlaHost host)
{
    private async Task<XLWorkbook> WorkbookAsync(string query)
    {
        var response = await host.Http.GetAsync($"/api/exports/feedback.xlsx?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private static IReadOnlyList<IXLTableRow> Rows(XLWorkbook workbook, string name) =>
        [.. workbook.Worksheets.SelectMany(s => s.Tables).Single(t => t.Name == name).DataRange.Rows()];

    private static double? Number(IXLCell cell) => cell.IsEmpty() ? null : cell.GetDouble();

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 9) : null;

    [Theory]
    [InlineData("culture=en-GB")]
    [InlineData("channel=email&culture=en-GB")]
    public async Task Every_figure_equals_the_API_for_the_same_filter(string query)
    {
        using var workbook = await WorkbookAsync(query);
        var api = (await host.Http.GetFromJsonAsync<FeedbackFigures>($"/api/feedback?{query}"))!;

        var summary = Rows(workbook, "FeedbackSummary");
        var (s, scores) = (api.Summary, api.Summary.Scores);
        double?[] expected = [s.SettledComplaints, s.SurveyedComplaints, s.ResponseRatePercent / 100.0, scores.Answers, scores.Csat, scores.CsatAnswers,
            scores.Nps, scores.NpsAnswers, scores.Promoters, scores.Detractors];
        Assert.Equal(expected.Select(Rounded), summary.Select(r => Rounded(Number(r.Cell(2)))));
        Assert.Equal("0.0%", summary[2].Cell(2).Style.NumberFormat.Format);

        static (string, string, long, long, double?, double?, long, long) Group(FeedbackGroup g) =>
            (g.Value, g.Label, g.Complaints, g.Scores.Answers, g.Scores.Csat, g.Scores.Nps, g.Scores.Promoters, g.Scores.Detractors);
        Assert.NotEmpty(api.PerProduct);
        Assert.Equal(api.PerProduct.Select(Group), Rows(workbook, "FeedbackPerProduct").Select(r =>
            (r.Cell(1).GetString(), r.Cell(2).GetString(), (long)r.Cell(3).GetDouble(), (long)r.Cell(4).GetDouble(), Number(r.Cell(5)), Number(r.Cell(6)),
                (long)r.Cell(7).GetDouble(), (long)r.Cell(8).GetDouble())));
        foreach (var (table, groups) in new[] { ("FeedbackPerChannel", api.PerChannel), ("FeedbackPerTeam", api.PerTeam), ("FeedbackByHandling", api.ByHandlingTime) })
            Assert.Equal(groups.Select(g => (g.Label, g.Complaints, g.Scores.Answers, g.Scores.Csat, g.Scores.Nps)), Rows(workbook, table).Select(r =>
                (r.Cell(1).GetString(), (long)r.Cell(2).GetDouble(), (long)r.Cell(3).GetDouble(), Number(r.Cell(4)), Number(r.Cell(5)))));
    }

    [Fact]
    public async Task The_feedback_workbook_is_typed_and_in_the_report_language_and_the_page_links_it()
    {
        using var polish = await WorkbookAsync("culture=pl-PL");
        var html = await host.Http.GetStringAsync("/feedback");

        Assert.Equal(["Okładka", "Opinie klientów"], polish.Worksheets.Select(s => s.Name));
        Assert.Equal("Opinie klientów", polish.Worksheet("Okładka").Cell(1, 1).GetString());
        var sheet = polish.Worksheet("Opinie klientów");
        Assert.Equal(1, sheet.SheetView.SplitRow);
        var csat = Rows(polish, "FeedbackSummary")[4].Cell(2);
        Assert.Equal(XLDataType.Number, csat.DataType);
        Assert.Equal("0.00", csat.Style.NumberFormat.Format);
        Assert.Equal("+0.0;-0.0;0.0", Rows(polish, "FeedbackSummary")[6].Cell(2).Style.NumberFormat.Format);
        Assert.Contains("href=\"/api/exports/feedback.xlsx", html);
    }
}
