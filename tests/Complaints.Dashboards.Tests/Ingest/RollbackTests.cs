using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Accounts;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Ingest;

[Collection(HostCollection.Name)]
public sealed class RollbackTests(IngestHost host, Browser browser) : IClassFixture<IngestHost>
{
    private static Dictionary<string, string> Complaint(string id, string updated, string status) => new()
    {
        ["source"] = "rollback-test", ["external_id"] = id, ["updated_at"] = updated, ["received_at"] = "2024-02-01T09:00:00+01:00",
        ["status"] = status, ["product_sku"] = "HA-0001",
    };

    private async Task<LoadResult> Upload(string fileName, params Dictionary<string, string>[] rows)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/complaints?fileName={fileName}") { Content = new StringContent(CanonicalCsv.Write(FeedLayouts.Complaints, rows)) };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);
        var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoadResult>())!;
    }

    /// <summary>A roll-back as the tester (an administrator), or as the holder of <paramref name="token"/> (null: anonymous).</summary>
    private async Task<HttpResponseMessage> RollBack(long runId, string? token = "")
    {
        using var client = TestApp.Client(host.Http.BaseAddress!, token);
        return await client.PostAsync($"/api/ingest/runs/{runId}/rollback", null);
    }

    private string? Status(string id)
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return connection.Scalar<string>("SELECT status FROM complaints WHERE source = 'rollback-test' AND external_id = $id", ("id", id));
    }

    [Fact]
    public async Task The_api_rolls_back_for_an_administrator_and_says_which_run_must_go_first()
    {
        var first = await Upload("api-first.csv", Complaint("A1", "2024-02-01T09:00:00+01:00", "new"));
        var second = await Upload("api-second.csv", Complaint("A1", "2024-02-02T09:00:00+01:00", "in_progress"), Complaint("A2", "2024-02-02T09:00:00+01:00", "new"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RollBack(second.RunId, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RollBack(second.RunId, "cpt_not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RollBack(second.RunId, TestApp.TokenAs(host.Http.BaseAddress!, Roles.Auditor))).StatusCode);
        var conflict = await RollBack(first.RunId);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains($"Roll back run {second.RunId} first", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await RollBack(999_999)).StatusCode);

        var done = await RollBack(second.RunId);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = (await done.Content.ReadFromJsonAsync<RollbackResult>())!;
        Assert.Equal((1L, 1L), (result.RowsRemoved, result.RowsRestored));
        Assert.Equal(("new", null), (Status("A1"), Status("A2")));
    }

    [Fact]
    public async Task An_administrator_rolls_a_run_back_from_its_page()
    {
        var run = await Upload("page-rollback.csv", Complaint("P1", "2024-02-01T09:00:00+01:00", "new"));

        // An auditor reads the run's page but is offered no roll-back.
        var (auditorPage, _) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, $"/ingest/runs/{run.RunId}"), TestApp.TokenAs(host.Http.BaseAddress!, Roles.Auditor));
        await auditorPage.Locator("h1").WaitForAsync();
        var auditorForms = await auditorPage.Locator("#rollback-confirmed").CountAsync();
        await auditorPage.CloseAsync();

        var (page, errors) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, $"/ingest/runs/{run.RunId}"));
        await page.Locator("summary", new PageLocatorOptions { HasText = "Roll back this run" }).ClickAsync();
        await page.CheckAsync("#rollback-confirmed");
        await page.ClickAsync(".rollback button[type=submit]");
        await page.Locator("p.message", new PageLocatorOptions { HasText = "rolled back:" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("ingest-run-rolled-back"), FullPage = true });

        Assert.Equal(0, auditorForms);
        Assert.Contains("rolled_back", await page.Locator(".status").InnerTextAsync());
        Assert.Null(Status("P1"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }
}
