using System.Net;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Accounts;
using Complaints.Warehouse.Audit;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>Sign-in with a password through the page's form, lockout, sign-out, and tokens that stop working the moment they are revoked.</summary>
public sealed class SignInTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, bool withToken = true)
    {
        var fields = new Dictionary<string, string> { ["userName"] = user, ["password"] = password, ["returnUrl"] = "/ingest" };
        if (withToken)
            fields["__RequestVerificationToken"] = await FormTokenAsync(client, "/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_first_administrator_signs_in_with_the_configured_password_and_out_again()
    {
        using var browser = host.Browser();
        var before = await browser.GetAsync("/ingest");
        var signedIn = await SignInAsync(browser, FirstAdmin, AccessHost.AdminPassword);
        var page = await browser.GetAsync("/ingest");
        var api = await browser.GetAsync("/api/ingest/runs");
        var signOutToken = await FormTokenAsync(browser, "/ingest");
        var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken }));
        var after = await browser.GetAsync("/ingest");

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/sign-in", before.Headers.Location!.AbsolutePath);
        Assert.Equal("/ingest", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-user=\"admin\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(Audit(), e => e.Action == "account.sign_in" && e.Actor == FirstAdmin);
    }

    [Fact]
    public async Task A_sign_in_form_without_its_antiforgery_token_is_refused()
    {
        using var browser = host.Browser();
        var response = await SignInAsync(browser, FirstAdmin, AccessHost.AdminPassword, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_until_the_lockout_has_passed()
    {
        const string password = "the-right-password-1";
        await host.Accounts.CreateUserAsync("locky", "Locky", password, [Roles.Auditor], false, "test");
        using var browser = host.Browser();

        var wrong = new List<string>();
        for (var i = 0; i < 3; i++)
            wrong.Add((await SignInAsync(browser, "locky", "not-the-password")).Headers.Location!.OriginalString);
        var whileLocked = await SignInAsync(browser, "locky", password);
        host.Time.Advance(TimeSpan.FromMinutes(11));
        var afterLockout = await SignInAsync(browser, "locky", password);

        Assert.StartsWith("/sign-in?error=wrong", wrong[0]);
        Assert.StartsWith("/sign-in?error=wrong", wrong[1]);
        Assert.StartsWith("/sign-in?error=locked", wrong[2]);
        Assert.StartsWith("/sign-in?error=locked", whileLocked.Headers.Location!.OriginalString);
        Assert.Equal("/ingest", afterLockout.Headers.Location!.OriginalString);
        Assert.Contains(Audit(), e => e.Action == "account.locked_out" && e.Subject == "user:locky");
        // Every refused attempt is on record (three wrong passwords, one while locked), and the sign-in that followed.
        Assert.Equal(4, Audit().Count(e => e.Action == AccountStore.FailedSignInAction && e.Subject == "user:locky"));
        Assert.Contains(Audit(), e => e.Action == "account.sign_in" && e.Subject == "user:locky");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_and_a_used_one_shows_its_last_use()
    {
        await host.Accounts.CreateUserAsync("script", "Monitoring script", null, [Roles.Executive], false, "test");
        var (token, secret) = await host.Accounts.CreateTokenAsync("script", null, "monitoring", [Roles.Executive], "test");
        using var client = TestApp.Client(host.BaseAddress, secret);

        var before = await client.GetAsync("/api/overview");
        var lastUse = host.Accounts.ListTokens().Single(t => t.Id == token.Id).LastUsedAt;
        await host.Accounts.RevokeTokenAsync(token.Id, "test");
        var after = await client.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(host.Time.GetUtcNow(), lastUse);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(Audit(), e => e.Action == "token.revoke" && e.Subject == "user:script");
    }

    [Fact]
    public async Task Locking_an_account_stops_its_tokens_and_a_token_never_does_more_than_its_scope()
    {
        await host.Accounts.CreateUserAsync("manager", "Manager", null, [Roles.QualityManager, Roles.Executive], false, "test");
        var (_, secret) = await host.Accounts.CreateTokenAsync("manager", null, "charts only", [Roles.Executive], "test");
        using var client = TestApp.Client(host.BaseAddress, secret);

        var charts = await client.GetAsync("/api/overview");
        var complaints = await client.GetAsync("/api/defects"); // the user may, the token's scope may not
        await host.Accounts.SetLockedAsync("manager", true, "test");
        var locked = await client.GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.OK, charts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, complaints.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task A_feed_token_uploads_to_its_own_feed_only()
    {
        var (_, secret) = await host.Accounts.CreateTokenAsync(null, "units_sold", "erp export", [], "test");
        using var client = TestApp.Client(host.BaseAddress, token: null);

        var other = await Upload(client, "costs", secret);
        var page = await new HttpClient { BaseAddress = host.BaseAddress, DefaultRequestHeaders = { { "X-Api-Key", secret } } }.GetAsync("/api/overview");
        var own = await Upload(client, "units_sold", secret);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode); // costs has no upload token at all
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.True(own.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{own.StatusCode}: {await own.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string feed, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{feed}?fileName=x.csv") { Content = new StringContent("sku,month,units\n") };
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }

    private const string FirstAdmin = Complaints.Dashboards.Access.FirstStart.AdminName;

    private IReadOnlyList<AuditEntry> Audit()
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection);
    }
}
