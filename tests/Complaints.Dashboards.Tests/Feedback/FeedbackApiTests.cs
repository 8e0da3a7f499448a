using Complaints.Dashboards.Tests.Hosting;
using Complaints.Dashboards.Tests.Sla;
using Complaints.Testing;
using Complaints.Warehouse.Feedback;
using System.Net.Http.Json;

namespace Complaints.Dashboards.Tests.Feedback;

/// <summary><c>GET /api/feedback</c> against CSAT, NPS and response rate worked out here with LINQ from the fixture's answers.</summary>
[Collection(HostCollection.Name)]
public sealed class FeedbackApiTests(SlaHost host)
{
    private static SlaFixture.Row Complaint(string id) => SlaFixture.Complaints.Single(c => c.Id == id);

    /// <summary>The textbook definitions: mean CSAT; NPS = % promoters (9–10) − % detractors (0–6) of the NPS answers.</summary>
    private static (double? Csat, double? Nps, long Answers) Expected(IEnumerable<CostFeedbackFixture.SurveyRow> answers)
    {
        var list = answers.ToList();
        var csat = list.Where(a => a.Csat is not null).Select(a => (double)a.Csat!.Value).ToList();
        var nps = list.Where(a => a.Nps is not null).Select(a => a.Nps!.Value).ToList();
        return (csat.Count == 0 ? null : Math.Round(csat.Average(), 2),
            nps.Count == 0 ? null : Math.Round(100.0 * (nps.Count(n => n >= 9) - nps.Count(n => n <= 6)) / nps.Count, 1), list.Count);
    }

    private static (double?, double?, long) Actual(Scores s) => (s.Csat, s.Nps, s.Answers);

    [Fact]
    public async Task CSAT_NPS_and_response_rate_equal_the_fixture()
    {
        var figures = (await host.Http.GetFromJsonAsync<FeedbackFigures>("/api/feedback"))!;

        var settled = SlaFixture.Complaints.Where(c => c.ResolvedAt is not null).Select(c => c.Id).ToList();
        var surveyed = CostFeedbackFixture.Surveys.Select(s => s.Complaint).Distinct().Count(settled.Contains);
        Assert.Equal(Expected(CostFeedbackFixture.Surveys), Actual(figures.Summary.Scores));
        Assert.Equal(((long)settled.Count, (long)surveyed, Math.Round(100.0 * surveyed / settled.Count, 2)),
            (figures.Summary.SettledComplaints, figures.Summary.SurveyedComplaints, figures.Summary.ResponseRatePercent));
        // On paper: CSAT (5+2+4+5+3)/5 = 3.8; NPS answers 10, 3, 7, 9, 6: 2 promoters, 2 detractors of 5 = 0.
        // 6 and 7 sit either side of the detractor cut-off, 9 on the promoter one: a cut-off moved by one changes the figure.
        Assert.Equal((3.8, 0.0), (figures.Summary.Scores.Csat, figures.Summary.Scores.Nps));
    }

    [Fact]
    public async Task Scores_per_product_channel_and_team_equal_the_fixture()
    {
        var figures = (await host.Http.GetFromJsonAsync<FeedbackFigures>("/api/feedback"))!;

        Dictionary<string, (double?, double?, long)> By(Func<SlaFixture.Row, string> dimension) =>
            CostFeedbackFixture.Surveys.GroupBy(s => dimension(Complaint(s.Complaint))).ToDictionary(g => g.Key, g => Expected(g));
        Assert.Equal(By(c => c.Sku), figures.PerProduct.ToDictionary(g => g.Value, g => Actual(g.Scores)));
        Assert.Equal(By(c => c.Channel), figures.PerChannel.ToDictionary(g => g.Value, g => Actual(g.Scores)));
        Assert.Equal(By(c => c.Team), figures.PerTeam.ToDictionary(g => g.Value, g => Actual(g.Scores)));
    }

    [Fact]
    public async Task Satisfaction_by_handling_time_groups_answers_by_days_from_receipt_to_resolution()
    {
        var figures = (await host.Http.GetFromJsonAsync<FeedbackFigures>("/api/feedback"))!;

        static string Bucket(double days) => days switch { < 1 => "0-1", < 3 => "1-3", < 7 => "3-7", < 14 => "7-14", _ => "14+" };
        var expected = CostFeedbackFixture.Surveys
            .GroupBy(s => Bucket((Complaint(s.Complaint).ResolvedAt!.Value - Complaint(s.Complaint).ReceivedAt).TotalDays))
            .ToDictionary(g => g.Key, g => Expected(g));
        Assert.Equal(expected, figures.ByHandlingTime.ToDictionary(g => g.Value, g => Actual(g.Scores)));
        Assert.Equal(FeedbackQueries.HandlingBuckets.Where(expected.ContainsKey), figures.ByHandlingTime.Select(g => g.Value));
    }

    [Fact]
    public async Task A_product_filter_narrows_the_answers()
    {
        var figures = (await host.Http.GetFromJsonAsync<FeedbackFigures>("/api/feedback?product=EL-0001"))!;

        Assert.Equal(Expected(CostFeedbackFixture.Surveys.Where(s => Complaint(s.Complaint).Sku == "EL-0001")), Actual(figures.Summary.Scores));
    }

    [Fact]
    public async Task The_feedback_page_shows_CSAT_and_its_charts()
    {
        var html = await host.Http.GetStringAsync("/feedback");

        Assert.Matches("data-figure=\"csat\"[^>]*>" + System.Text.RegularExpressions.Regex.Escape(3.8.ToString("N2", System.Globalization.CultureInfo.CurrentCulture)) + "<", html);
        Assert.Contains("data-chart=\"csat-by-handling-time\"", html);
    }
}
