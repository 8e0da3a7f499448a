using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
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

    private Task<HttpResponseMessage> RollBack(long runId, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/runs/{runId}/rollback");
        if (key is not null)
            request.Headers.Add("X-Admin-Key", key);
        return host.Http.SendAsync(request);
    }

    private string? Status(string id)
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return connection.Scalar<string>("SELECT status FROM complaints WHERE source = 'rollback-test' AND external_id = $id", ("id", id));
    }

    [Fact]
    public async Task The_api_rolls_back_with_the_administrator_key_and_says_which_run_must_go_first()
    {
        var first = await Upload("api-first.csv", Complaint("A1", "2024-02-01T09:00:00+01:00", "new"));
        var second = await Upload("api-second.csv", Complaint("A1", "2024-02-02T09:00:00+01:00", "in_progress"), Complaint("A2", "2024-02-02T09:00:00+01:00", "new"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RollBack(second.RunId, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RollBack(second.RunId, "wrong-key")).StatusCode);
        var conflict = await RollBack(first.RunId, IngestHost.AdminKey);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains($"Roll back run {second.RunId} first", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await RollBack(999_999, IngestHost.AdminKey)).StatusCode);

        var done = await RollBack(second.RunId, IngestHost.AdminKey);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = (await done.Content.ReadFromJsonAsync<RollbackResult>())!;
        Assert.Equal((1L, 1L), (result.RowsRemoved, result.RowsRestored));
        Assert.Equal(("new", null), (Status("A1"), Status("A2")));
    }

    [Fact]
    public async Task An_administrator_rolls_a_run_back_from_its_page()
    {
        var run = await Upload("page-rollback.csv", Complaint("P1", "2024-02-01T09:00:00+01:00", "new"));

        var (page, errors) = await browser.OpenAsync(new Uri(host.Http.BaseAddress!, $"/ingest/runs/{run.RunId}"));
        await page.Locator("summary", new PageLocatorOptions { HasText = "Roll back this run" }).ClickAsync();
        await page.FillAsync("#admin-key", "not-the-key");
        await page.CheckAsync("#rollback-confirmed");
        await page.ClickAsync("button[type=submit]");
        var refused = await page.Locator("p.message.error").InnerTextAsync();
        Assert.Equal("new", Status("P1"));

        await page.FillAsync("#admin-key", IngestHost.AdminKey);
        await page.CheckAsync("#rollback-confirmed");
        await page.ClickAsync("button[type=submit]");
        await page.Locator("p.message", new PageLocatorOptions { HasText = "rolled back:" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("ingest-run-rolled-back"), FullPage = true });

        Assert.Contains("not the administrator key", refused);
        Assert.Contains("rolled_back", await page.Locator(".status").InnerTextAsync());
        Assert.Null(Status("P1"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }
}
