using System.Net;
using Complaints.Dashboards.Tests.Hosting;

namespace Complaints.Dashboards.Tests.ComplaintList;

/// <summary>Hand-edited query values get the page's own message (400 from the API), never an error page.</summary>
[Collection(HostCollection.Name)]
public sealed class BadQueryValuesTests(DashboardsHost host)
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await host.Http.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    public async Task A_page_value_that_is_no_page_number_gets_the_lists_message(string page)
    {
        var (status, html) = await GetAsync($"/complaints?page={Uri.EscapeDataString(page)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"'page' must be a whole number from 1 up (got '{page}').", html);
    }

    [Fact]
    public async Task A_page_past_the_last_says_how_many_pages_there_are_and_links_to_the_last()
    {
        var (status, html) = await GetAsync("/complaints?page=2147483647&product=HA-0001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("There is no page 2,147,483,647: the list has 1 page(s).", html);
        Assert.Matches("<a href=\"/complaints\\?product=HA-0001&page=1\"[^>]*>Go to the last page</a>", html);
    }

    [Theory]
    [InlineData("/ingest/runs/1?page=999999999999", "'page' must be a whole number from 1 up (got '999999999999').")]
    [InlineData("/sla?recalculated=99999999999999999999999", "SLA")]
    [InlineData("/?bucket=fortnight", "Overview")]
    [InlineData("/?from=2024-02-30", "2024-02-30")]
    public async Task Other_pages_answer_bad_values_with_their_page_not_an_error(string path, string expected)
    {
        var (status, html) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("An unhandled exception", html);
    }

    [Theory]
    [InlineData("/api/overview?from=2024-02-30", "from")]
    [InlineData("/api/overview?bucket=fortnight", "bucket")]
    [InlineData("/api/sla?asof=yesterday", "asof")]
    [InlineData("/api/ingest/runs?limit=999999999999", "limit")]
    public async Task The_API_answers_bad_values_with_400_naming_the_parameter(string path, string parameter)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, body);
    }
}
