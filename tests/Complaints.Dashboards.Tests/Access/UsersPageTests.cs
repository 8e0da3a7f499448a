using System.Net;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Warehouse.Accounts;
using Complaints.Warehouse.Audit;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>The users page: an administrator creates an account and a token for it, and the audit log names who did it.</summary>
public sealed class UsersPageTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task An_administrator_creates_an_account_and_its_token_on_the_page_and_the_audit_log_names_them()
    {
        using var admin = TestApp.Client(host.BaseAddress, handler: new HttpClientHandler { CookieContainer = new CookieContainer() });

        var created = await PostAsync(admin, "create", new() { ["Form.UserName"] = "Newcomer", ["Form.DisplayName"] = "New Comer", ["Form.Roles"] = Roles.Auditor });
        var token = await PostAsync(admin, "token", new() { ["Form.Owner"] = "user:newcomer", ["Form.Label"] = "audit script", ["Form.Roles"] = Roles.Auditor });
        var secret = Regex.Match(token, "data-new-token>([^<]+)<").Groups[1].Value;
        using var script = TestApp.Client(host.BaseAddress, secret);
        var runs = await script.GetAsync("/api/ingest/runs");
        var users = await script.GetAsync("/users");

        Assert.Contains("Created the account newcomer.", created);
        Assert.Equal([Roles.Auditor], host.Accounts.Find("newcomer")!.Roles);
        Assert.StartsWith(AccountStore.TokenPrefix, secret);
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        var audit = Audit();
        Assert.Contains(audit, e => e.Action == "account.create" && e.Subject == "user:newcomer" && e.Actor.StartsWith(TestApp.Tester, StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "token.create" && e.Subject == "user:newcomer" && e.Actor.StartsWith(TestApp.Tester, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_post_without_the_pages_antiforgery_token_changes_nothing()
    {
        using var admin = TestApp.Client(host.BaseAddress);
        var response = await admin.PostAsync("/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create", ["Form.UserName"] = "forged", ["Form.Roles"] = Roles.Administrator,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(host.Accounts.Find("forged"));
    }

    private static async Task<string> PostAsync(HttpClient client, string form, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync("/users");
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/users", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {html[..Math.Min(500, html.Length)]}");
        return html;
    }

    private IReadOnlyList<AuditEntry> Audit()
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection);
    }
}
