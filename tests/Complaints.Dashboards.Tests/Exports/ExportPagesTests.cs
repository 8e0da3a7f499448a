using System.Net;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;

namespace Complaints.Dashboards.Tests.Exports;

/// <summary>The export links on the pages, the list's download through the API, and the subscriptions page's forms.</summary>
[Collection(HostCollection.Name)]
public sealed partial class ExportPagesTests(DashboardsHost host) : IDisposable
{
    // A client of its own: the forms' antiforgery cookie stays out of the shared client. It does not follow redirects
    // itself: HttpClient drops the token's Authorization header on a redirect, so PostFormAsync follows them with it.
    private readonly HttpClient _http = TestApp.Client(host.BaseAddress, handler: new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>Posts a page's form and reads the page it redirects to, as the browser does.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form)
    {
        var response = await _http.PostAsync(url, new FormUrlEncodedContent(form));
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? await _http.GetAsync(response.Headers.Location)
            : response;
    }

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("/?from=2024-02-01&to=2024-02-29", "/api/exports/overview.xlsx?from=2024-02-01&amp;to=2024-02-29")]
    [InlineData("/sla", "/api/exports/sla.xlsx")]
    [InlineData("/costs", "/api/exports/costs.xlsx")]
    [InlineData("/complaints?line=Electronics", "/api/exports/complaints.xlsx?line=Electronics")]
    public async Task Every_page_links_its_export_with_its_filter(string page, string link)
    {
        var html = await _http.GetStringAsync(page);

        Assert.Contains($"href=\"{link}", html);
        Assert.Contains("/api/exports/executive.xlsx", html);
    }

    [Fact]
    public async Task The_list_downloads_as_csv_with_the_pages_filter_and_its_note()
    {
        var response = await _http.GetAsync("/api/exports/complaints.csv?line=Electronics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split("\r\n");
        Assert.StartsWith("source,external_id,received_at", lines[0].TrimStart('\uFEFF'));
        Assert.StartsWith("# 2 rows; filter: line=Electronics;", lines[^1]);
    }

    [Fact]
    public async Task A_subscription_is_created_listed_and_paused_from_the_page()
    {
        var name = $"Board {Guid.NewGuid():N}"[..16];
        var page = await _http.GetStringAsync("/subscriptions");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            ["name"] = name, ["report"] = "executive", ["schedule"] = "0 0 7 ? * MON", ["period"] = "last-full-month",
            ["recipients"] = "board@example.com", ["filter"] = "line=Electronics", ["culture"] = "pl-PL",
        };

        var saved = await PostFormAsync("/api/subscriptions", form);
        var listed = await saved.Content.ReadAsStringAsync();

        Assert.True(saved.StatusCode == HttpStatusCode.OK, listed[..Math.Min(1500, listed.Length)]);
        Assert.Contains("data-saved", listed);
        Assert.Contains(name, listed);
        var id = Regex.Match(listed, $"data-subscription=\"(\\d+)\"[^>]*>\\s*<td[^>]*>{name}").Groups[1].Value;
        var paused = await PostFormAsync($"/api/subscriptions/{id}/pause",
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Token().Match(listed).Groups[1].Value });
        Assert.Contains("paused", Regex.Match(await paused.Content.ReadAsStringAsync(), $"data-subscription=\"{id}\"[^>]*>.*?</tr>", RegexOptions.Singleline).Value);
    }

    [Fact]
    public async Task A_bad_subscription_is_not_saved_and_the_page_says_which_field_to_fix()
    {
        var page = await _http.GetStringAsync("/subscriptions");
        var response = await PostFormAsync("/api/subscriptions", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            ["name"] = "Bad", ["report"] = "executive", ["schedule"] = "every monday", ["period"] = "last-full-week", ["recipients"] = "board@example.com", ["culture"] = "en-GB",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-problem", html);
        Assert.Contains("schedule: &#x27;every monday&#x27; is not a Quartz cron expression", html);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
