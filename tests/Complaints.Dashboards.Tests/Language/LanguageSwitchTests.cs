using System.Net;
using Complaints.Dashboards.Features.Language;
using Complaints.Dashboards.Tests.Hosting;

namespace Complaints.Dashboards.Tests.Language;

/// <summary>The switch endpoint: remembers the language in a cookie and sends the browser back to the same address.</summary>
[Collection(HostCollection.Name)]
public sealed class LanguageSwitchTests(DashboardsHost host)
{
    private async Task<HttpResponseMessage> Switch(string path)
    {
        using var client = TestApp.Client(host.BaseAddress, handler: new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        return await client.GetAsync(path);
    }

    [Fact]
    public async Task Switching_sets_the_culture_cookie_and_returns_to_the_page_with_its_filters()
    {
        using var response = await Switch("/language/pl-PL?back=" + Uri.EscapeDataString("/sla?from=2024-01-01&line=Home+appliances"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sla?from=2024-01-01&line=Home+appliances", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Dpl-PL%7Cuic%3Dpl-PL", cookie);
        Assert.Contains("max-age=31536000", cookie);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    public async Task A_way_back_off_this_site_goes_to_the_Overview_instead(string back)
    {
        using var response = await Switch("/language/en-GB?back=" + Uri.EscapeDataString(back));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unsupported_language_is_not_found_and_sets_nothing()
    {
        using var response = await Switch("/language/de-DE?back=/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The not-found page's sign-out form may set its antiforgery cookie; the language cookie is not set.
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pl-PL,pl;q=0.9,en;q=0.8", "pl-PL")]
    [InlineData("de-DE,de;q=0.9", "en-GB")]
    public async Task Without_a_choice_the_browser_language_decides_and_English_is_the_default(string acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/not-found");
        request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await host.Http.SendAsync(request);

        Assert.Contains($"<html lang=\"{expected}\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_asked_for_in_Polish_says_so_in_its_html_lang()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ingest");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dpl-PL%7Cuic%3Dpl-PL");
        using var response = await host.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"pl-PL\">", html);
        Assert.Contains("Przebiegi importu", html);
        Assert.True(LanguageEndpoints.IsLocal("/ingest?page=2"));
    }

    [Fact]
    public async Task A_page_asked_for_with_a_culture_in_its_query_remembers_it_for_the_charts_connection()
    {
        using var response = await Switch("/ingest?culture=pl-PL");

        var cookies = response.Headers.GetValues("Set-Cookie"); // the page's antiforgery cookie comes too
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=c%3Dpl-PL%7Cuic%3Dpl-PL", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"pl-PL\">", await response.Content.ReadAsStringAsync());
    }
}
