using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Ingest;

[Collection(HostCollection.Name)]
public sealed class IngestPagesTests(IngestHost host, Browser browser) : IClassFixture<IngestHost>
{
    /// <summary>Forty surveys; the tenth has a CSAT of 7 and a source that a spreadsheet would run as a formula.</summary>
    private async Task<LoadResult> UploadSurveysWithOneBadRow(string idPrefix)
    {
        var rows = Enumerable.Range(1, 40).Select(i => new Dictionary<string, string>
        {
            ["source"] = i == 10 ? "=1+2" : "survey", ["external_id"] = $"{idPrefix}{i}", ["complaint_source"] = "fixture", ["complaint_id"] = $"C{i}",
            ["answered_at"] = "2024-03-01T10:00:00+01:00", ["csat"] = i == 10 ? "7" : "4", ["updated_at"] = "2024-03-01T10:00:00+01:00",
        }).ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/surveys?fileName=surveys-march.csv") { Content = new StringContent(CanonicalCsv.Write(FeedLayouts.Surveys, rows)) };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);
        var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoadResult>())!;
    }

    [Fact]
    public async Task A_runs_quarantine_downloads_whole_with_formulas_neutralised()
    {
        var run = await UploadSurveysWithOneBadRow("download-");

        // Raw rows may name people: an auditor with the personal-data permission sees them, the tester (without) does not.
        using var auditor = TestApp.Client(host.Http.BaseAddress!, TestApp.TokenAs(host.Http.BaseAddress!, Roles.Auditor, personalData: true));
        var csv = await auditor.GetStringAsync($"/api/ingest/runs/{run.RunId}/quarantine.csv");
        var withheld = await host.Http.GetStringAsync($"/api/ingest/runs/{run.RunId}/quarantine.csv");

        Assert.Contains(Complaints.Dashboards.Access.RawRows.Withheld, withheld);
        Assert.DoesNotContain("download-10", withheld);
        var lines = csv.TrimStart('\uFEFF').TrimEnd().Split('\n');
        Assert.Equal("run,feed,file,line,column,reason,raw_text", lines[0].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{run.RunId},surveys,surveys-march.csv,11,csat,CSAT must be 1 to 5,\"'=1+2,download-10,", lines[1]);
    }

    [Fact]
    public async Task The_ingest_pages_list_runs_and_show_a_runs_rows_set_aside()
    {
        var run = await UploadSurveysWithOneBadRow("page-");

        var (page, errors) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, "/ingest"));
        await page.ClickAsync($"a[href='/ingest/runs/{run.RunId}']");
        await page.WaitForURLAsync($"**/ingest/runs/{run.RunId}");
        await page.Locator("h2", new PageLocatorOptions { HasText = "Rows set aside" }).WaitForAsync(); // enhanced navigation swaps the page in
        var firstRow = await page.Locator("table.figures tbody tr").First.InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("ingest-run"), FullPage = true });

        Assert.Contains("11", firstRow);
        Assert.Contains("CSAT must be 1 to 5", firstRow);
        Assert.Contains("Download all 1 as CSV", await page.ContentAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }
}
