using System.Net;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// Every route the app maps, read from its endpoint data source (a new route is tested without being listed here):
/// anonymous callers get the sign-in page or 401, each role exactly what the README's matrix gives it.
/// </summary>
public sealed class RouteAccessTests(AccessHost host) : IClassFixture<AccessHost>
{
    /// <summary>The README's matrix, written out again: which roles each policy lets in.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["dashboards"] = [Roles.QualityManager, Roles.Executive, Roles.Auditor, Roles.Administrator],
        ["complaints"] = [Roles.QualityManager, Roles.Auditor],
        ["signals-workflow"] = [Roles.QualityManager],
        ["ingest-runs"] = [Roles.Administrator, Roles.Auditor],
        ["administration"] = [Roles.Administrator],
        ["subscriptions"] = [Roles.QualityManager, Roles.Executive, Roles.Administrator],
        ["audit-trail"] = [Roles.Auditor],
        ["upload"] = [Roles.Administrator], // and feed tokens, tested below
        ["personal-data"] = [],             // the permission, not a role
    };

    /// <summary>What may be opened without signing in: the way in, the way out, errors, the language switch.</summary>
    private static readonly string[] OpenRoutes =
        ["/sign-in", "/access-denied", "/not-found", "/Error", "/language/{culture}", "/account/sign-in", "/account/sign-out", "/account/sign-in/external",
         "/_framework/opaque-redirect"]; // Blazor's redirect helper for enhanced navigation

    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["feed"] = "surveys", ["runId"] = "1", ["culture"] = "en-US", ["source"] = "crm", ["id"] = "C-1", ["name"] = "nobody", ["subscriptionId"] = "1", ["chart"] = "overview.trend",
    };

    private sealed record Route(string Pattern, string Method, string Url, string? Policy, bool Anonymous, string? Name = null);

    private IReadOnlyList<Route> Routes()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null); // files: styles, scripts, plotly.js, all open
        var routes = new List<Route>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var method = methods.Contains("GET") ? "GET" : methods[0];
            var url = Regex.Replace(pattern, @"\{\*?([^}:=?]+)[^}]*\}", m => Samples.GetValueOrDefault(m.Groups[1].Value, "x"));
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            routes.Add(new Route(pattern, method, url, policy, endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null, endpoint.DisplayName));
        }
        return routes.DistinctBy(r => (r.Pattern, r.Method)).ToList();
    }

    [Fact]
    public void Every_route_names_a_policy_of_the_matrix_or_is_one_of_the_few_open_ones()
    {
        var routes = Routes();
        var open = routes.Where(r => r.Anonymous).Select(r => r.Pattern).Distinct().Order().ToList();
        // The framework's catch-all for missing files names no policy: the fallback policy keeps it closed (tested below).
        var unknown = routes.Where(r => !r.Anonymous && r.Name != "Fallback {**path:file}" && (r.Policy is null || !Matrix.ContainsKey(r.Policy))).Select(r => $"{r.Method} {r.Pattern} ({r.Policy ?? "no policy"}, {r.Name})").ToList();

        Assert.True(routes.Count > 30, $"only {routes.Count} routes found");
        Assert.Equal(OpenRoutes.Order(), open);
        Assert.True(unknown.Count == 0, "Routes without a policy of the matrix (the fallback closes them): " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Signed_out_every_route_asks_for_sign_in_and_shows_no_data()
    {
        using var anonymous = host.Browser();
        var wrong = new List<string>();
        foreach (var route in Routes().Where(r => !r.Anonymous))
        {
            using var response = await anonymous.SendAsync(Request(route));
            var isApi = route.Pattern.StartsWith("/api", StringComparison.Ordinal);
            var ok = isApi
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/sign-in?ReturnUrl=", StringComparison.Ordinal);
            if (!ok)
                wrong.Add($"{route.Method} {route.Url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Each_role_gets_exactly_its_matrix_on_every_route()
    {
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            using var client = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, role), new HttpClientHandler { AllowAutoRedirect = false });
            foreach (var route in Routes().Where(r => !r.Anonymous))
            {
                using var response = await client.SendAsync(Request(route));
                var allowed = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                              && !(response.Headers.Location?.OriginalString.Contains("/sign-in", StringComparison.Ordinal) ?? false);
                var expected = route.Policy is not null && Matrix.TryGetValue(route.Policy, out var roles) && roles.Contains(role);
                if (allowed != expected)
                    wrong.Add($"{role} {route.Method} {route.Url} ({route.Policy}): {(int)response.StatusCode}, expected {(expected ? "allowed" : "refused")}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static HttpRequestMessage Request(Route route)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
        if (route.Method != "GET")
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}
