using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Dashboards.Tests.Sla;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Tests.Exports;

/// <summary>A chart's data downloaded from the API and from the links under the page's charts, against the page's JSON API.</summary>
[Collection(HostCollection.Name)]
public sealed class ChartDataApiTests(DashboardsHost host, SlaHost sla)
{
    private const string February = "from=2024-02-01&to=2024-02-29";

    [Fact]
    public async Task A_charts_csv_holds_the_same_figures_as_the_pages_API_with_its_filter_and_bucket()
    {
        var response = await host.Http.GetAsync($"/api/exports/charts/overview.trend.csv?{February}&bucket=week");
        var overview = (await host.Http.GetFromJsonAsync<OverviewFigures>($"/api/overview?{February}&bucket=week"))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("overview-trend-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("period,complaints", lines[0]);
        Assert.NotEmpty(overview.Trend);
        Assert.Equal(overview.Trend.Select(p => $"{p.Period:yyyy-MM-dd},{p.Complaints}"), lines[1..^1]);
        Assert.StartsWith($"# chart overview.trend: {overview.Trend.Count} rows; filter: {February}&bucket=week; generated at ", lines[^1]);
    }

    [Fact]
    public async Task A_charts_arrow_file_holds_the_feedback_figures_of_the_API_as_typed_columns()
    {
        var bytes = await sla.Http.GetByteArrayAsync("/api/exports/charts/feedback.csat-per-channel.arrow");
        var feedback = (await sla.Http.GetFromJsonAsync<FeedbackFigures>("/api/feedback"))!;

        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        var rows = new List<(string, double?, long)>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
            using (batch)
            {
                var (values, csat, answers) = ((StringArray)batch.Column("value"), (DoubleArray)batch.Column("csat"), (Int64Array)batch.Column("answers"));
                for (var i = 0; i < batch.Length; i++)
                    rows.Add((values.GetString(i), csat.GetValue(i), answers.GetValue(i)!.Value));
            }
        Assert.NotEmpty(feedback.PerChannel);
        Assert.Equal(feedback.PerChannel.Select(g => (g.Value, g.Scores.Csat, g.Scores.Answers)), rows);
        Assert.Equal(rows.Count.ToString(CultureInfo.InvariantCulture), reader.Schema.Metadata["chart.rows"]);
    }

    [Theory]
    [InlineData("/api/exports/charts/overview.nothing.csv", HttpStatusCode.NotFound, "overview.trend")]
    [InlineData("/api/exports/charts/overview.trend.xlsx", HttpStatusCode.NotFound, ".csv, .parquet or .arrow")]
    [InlineData("/api/exports/charts/overview.trend.csv?bucket=fortnight", HttpStatusCode.BadRequest, "day, week, month or quarter")]
    [InlineData("/api/exports/charts/overview.trend.csv?from=yesterday", HttpStatusCode.BadRequest, "from")]
    public async Task A_bad_request_says_what_to_fix(string url, HttpStatusCode status, string hint)
    {
        var response = await host.Http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(hint, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/?from=2024-02-01", "overview.trend", "/api/exports/charts/overview.trend.parquet?from=2024-02-01")]
    [InlineData("/products", "products.defect-pareto", "/api/exports/charts/products.defect-pareto.arrow")]
    [InlineData("/sla", "sla.backlog-ageing", "/api/exports/charts/sla.backlog-ageing.csv?asof=")]
    public async Task Every_chart_on_a_page_links_its_data_with_the_pages_filter(string page, string chart, string link)
    {
        var html = await host.Http.GetStringAsync(page);

        Assert.Contains($"data-chart-data=\"{chart}\"", html);
        Assert.Contains($"href=\"{link}", html);
        Assert.Contains("Data for analysis tools:", html);
    }

    [Fact]
    public async Task The_feedback_page_links_each_charts_data_and_the_link_downloads_it()
    {
        var html = await sla.Http.GetStringAsync("/feedback");

        foreach (var chart in new[] { "csat-per-product", "csat-per-channel", "csat-per-team", "csat-by-handling-time" })
            Assert.Contains($"href=\"/api/exports/charts/feedback.{chart}.csv\"", html);
        var csv = await sla.Http.GetStringAsync("/api/exports/charts/feedback.csat-by-handling-time.csv");
        Assert.StartsWith("handling_days,complaints,answers,csat_answers,csat,nps_answers,promoters,detractors,nps", csv.TrimStart('\uFEFF'));
    }
}
