using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>The headers every answer carries, and pages that run nothing but the site's own script files (so the policy can forbid inline script).</summary>
public sealed class SecurityHeadersTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/sla")]
    [InlineData("/sign-in")]
    public async Task Pages_carry_the_security_headers_and_no_inline_script(string path)
    {
        using var client = TestApp.Client(host.BaseAddress);
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var inline = Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)
            .Where(m => !m.Value.Contains("type=\"application/json\"", StringComparison.Ordinal)) // data, never run
            .Select(m => m.Value[..Math.Min(200, m.Value.Length)]).ToList();

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(inline.Count == 0, "inline scripts: " + string.Join("\n", inline));
    }
}
