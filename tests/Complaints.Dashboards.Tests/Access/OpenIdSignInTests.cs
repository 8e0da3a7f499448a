using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Access;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Complaints.Warehouse.Audit;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>The host configured for the tests' own OpenID provider on loopback, with one local account the provider can name.</summary>
public sealed class OpenIdHost : IAsyncLifetime
{
    public const string LocalUser = "ola";
    private WebApplicationFactory<Program> _factory = null!;

    public OpenIdProvider Provider { get; private set; } = null!;
    public TempWarehouse Warehouse { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        Provider = await OpenIdProvider.StartAsync();
        Warehouse = await TempWarehouse.CreateAsync();
        (_factory, BaseAddress) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = Warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Authentication:OpenIdConnect:Authority"] = Provider.Authority.ToString(),
            ["Authentication:OpenIdConnect:ClientId"] = OpenIdProvider.ClientId,
            ["Authentication:OpenIdConnect:ClientSecret"] = OpenIdProvider.ClientSecret,
        }, services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
        {
            // The test speaks plain HTTP to the host, where a browser (and HttpClient) would not send Secure cookies back.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }));
        TestApp.CreateToken(Services, LocalUser, [Roles.QualityManager]); // the account; its token is not used
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Provider.DisposeAsync();
        Warehouse.Dispose();
    }
}

/// <summary>
/// Sign-in through the company's identity provider, all the way: the host's challenge, the provider's sign-in and code,
/// the host's code exchange and id_token check, and a session as the local account of the same name; a name without
/// an account is turned away to the sign-in page and the refusal is on the audit log.
/// </summary>
public sealed partial class OpenIdSignInTests(OpenIdHost host) : IClassFixture<OpenIdHost>
{
    /// <summary>A browser: one cookie jar for host and provider, redirects followed by hand so each step can be seen.</summary>
    private static HttpClient Browser(CookieContainer cookies) => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });

    /// <summary>From the host's sign-in button to the provider and back: the response of the host's callback.</summary>
    private async Task<(HttpResponseMessage Callback, Uri Challenge)> SignInAtProviderAsync(HttpClient browser, string user)
    {
        host.Provider.NextUser = user;
        var challenge = await browser.GetAsync(new Uri(host.BaseAddress, "/account/sign-in/external?returnUrl=/sla"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        var page = await (await browser.GetAsync(authorize)).Content.ReadAsStringAsync();
        // The provider's form_post page, submitted as a browser would.
        var action = WebUtility.HtmlDecode(Regex.Match(page, "action=\"([^\"]+)\"").Groups[1].Value);
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (await browser.PostAsync(action, new FormUrlEncodedContent(fields)), authorize);
    }

    [Fact]
    public async Task The_challenge_goes_to_the_configured_provider_with_the_client_id_and_PKCE()
    {
        using var browser = Browser(new CookieContainer());

        var challenge = await browser.GetAsync(new Uri(host.BaseAddress, "/account/sign-in/external?returnUrl=/sla"));
        var signInPage = await browser.GetStringAsync(new Uri(host.BaseAddress, "/sign-in"));

        var location = challenge.Headers.Location!;
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal($"{host.Provider.Authority.GetLeftPart(UriPartial.Authority)}/authorize", location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(OpenIdProvider.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.Equal(new Uri(host.BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"]);
        Assert.Contains("Company sign-in", signInPage); // the sign-in page offers it
    }

    [Fact]
    public async Task A_full_sign_in_through_the_provider_ends_signed_in_as_the_local_account_of_the_same_name()
    {
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);
        var before = Audit().Count;

        var (callback, _) = await SignInAtProviderAsync(browser, "Ola"); // the provider's spelling; user names ignore case
        var page = await browser.GetAsync(new Uri(host.BaseAddress, "/sla"));
        var api = await browser.GetAsync(new Uri(host.BaseAddress, "/api/sla"));
        var users = await browser.GetAsync(new Uri(host.BaseAddress, "/users"));

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{callback.StatusCode}: {string.Join("; ", host.Provider.TokenErrors)}");
        Assert.Equal("/sla", callback.Headers.Location!.OriginalString);
        Assert.Empty(host.Provider.TokenErrors);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode); // a quality manager: the users page is the administrators'
        Assert.Contains("/access-denied", users.Headers.Location!.OriginalString);
        var signIn = Assert.Single(Audit().Skip(before), e => e.Action == "account.sign_in");
        Assert.Equal((OpenIdHost.LocalUser, $"user:{OpenIdHost.LocalUser}"), (signIn.Actor, signIn.Subject));
        Assert.Contains(host.Provider.Authority.GetLeftPart(UriPartial.Authority), signIn.AfterJson);
        Assert.NotNull(host.Services.GetRequiredService<AccountStore>().Find(OpenIdHost.LocalUser)!.LastSignInAt);
    }

    [Fact]
    public async Task A_name_without_a_local_account_is_turned_away_and_the_refusal_is_audited()
    {
        using var browser = Browser(new CookieContainer());
        var before = Audit().Count;

        var (callback, _) = await SignInAtProviderAsync(browser, "stranger");
        var refusedPage = await browser.GetStringAsync(new Uri(host.BaseAddress, callback.Headers.Location!.OriginalString));
        var page = await browser.GetAsync(new Uri(host.BaseAddress, "/sla"));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"/sign-in?error={OpenIdSignIn.RefusedError}", callback.Headers.Location!.OriginalString);
        Assert.Contains("data-sign-in-error=\"external\"", refusedPage);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // not signed in: to the sign-in page
        Assert.Contains("/sign-in", page.Headers.Location!.OriginalString);
        var refusal = Assert.Single(Audit().Skip(before));
        Assert.Equal((AccountStore.FailedSignInAction, "user:stranger"), (refusal.Action, refusal.Subject));
        Assert.Contains("no local account of that name", refusal.AfterJson);
    }

    [Theory]
    [InlineData("https://login.example.com", null, "Authentication:OpenIdConnect:ClientId is required when Authentication:OpenIdConnect:Authority is set")]
    [InlineData(null, "complaints", "Authentication:OpenIdConnect:Authority is required when Authentication:OpenIdConnect:ClientId is set")]
    [InlineData("http://login.example.com", "complaints", "Authentication:OpenIdConnect:Authority must be an absolute https:// address (plain http only on loopback), got 'http://login.example.com'")]
    [InlineData("login.example.com", "complaints", "must be an absolute https:// address")]
    public void Incomplete_or_unsafe_provider_settings_are_refused_naming_the_setting(string? authority, string? clientId, string message)
    {
        var options = new AccessOptions { OpenIdConnect = new OpenIdConnectSettings { Authority = authority, ClientId = clientId } };
        var problems = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true));
        Assert.Contains(problems, p => p.ErrorMessage!.Contains(message, StringComparison.Ordinal));
    }

    private List<AuditEntry> Audit()
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection).ToList();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
