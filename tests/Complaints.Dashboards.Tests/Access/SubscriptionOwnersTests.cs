using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Reports.Subscriptions;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// Subscriptions belong to whoever made them: executives and quality managers see and manage only their own (another's
/// is answered 404, as if it were not there); administrators see every one, those from before owners were stored too.
/// </summary>
public sealed partial class SubscriptionOwnersTests(AccessHost host) : IClassFixture<AccessHost>
{
    private SubscriptionStore Store => host.Services.GetRequiredService<SubscriptionStore>();

    /// <summary>A client acting as <paramref name="user"/> with <paramref name="role"/>; it keeps the forms' antiforgery cookie and follows no redirects.</summary>
    private HttpClient As(string user, string role) => TestApp.Client(host.BaseAddress, TestApp.CreateToken(host.Services, user, [role]),
        new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync("/subscriptions");
        form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    private static Dictionary<string, string> Weekly(string name, long? id = null)
    {
        var form = new Dictionary<string, string>
        {
            ["name"] = name, ["report"] = "executive", ["schedule"] = "0 0 7 ? * MON", ["period"] = "last-full-week",
            ["recipients"] = "board@example.com", ["culture"] = "en-GB",
        };
        if (id is not null)
            form["id"] = id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return form;
    }

    private static async Task<List<string>> ListedAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/subscriptions"));
        return json.RootElement.EnumerateArray().Select(s => s.GetProperty("subscription").GetProperty("name").GetString()!).ToList();
    }

    private long IdOf(string name) => Store.List(SubscriptionViewer.Scheduler).Single(s => s.Name == name).Id;

    [Theory]
    [InlineData(Roles.Executive)]
    [InlineData(Roles.QualityManager)]
    public async Task An_owner_sees_and_manages_only_their_own_subscriptions(string role)
    {
        var (mine, theirs) = ($"mine-{role}", $"theirs-{role}");
        using var owner = As($"owner-{role}", role);
        using var other = As($"other-{role}", role);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(owner, "/api/subscriptions", Weekly(mine))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(other, "/api/subscriptions", Weekly(theirs))).StatusCode);
        var theirId = IdOf(theirs);

        var listed = await ListedAsync(owner);
        var page = await owner.GetStringAsync("/subscriptions");
        var pause = await PostFormAsync(owner, $"/api/subscriptions/{theirId}/pause", []);
        var send = await PostFormAsync(owner, $"/api/subscriptions/{theirId}/send", []);
        var edit = await PostFormAsync(owner, "/api/subscriptions", Weekly("taken over", theirId));

        Assert.Contains(mine, listed);
        Assert.DoesNotContain(theirs, listed);
        Assert.Contains(mine, page);
        Assert.DoesNotContain(theirs, page);
        Assert.DoesNotContain("data-owner", page); // the owner column is the administrators'
        Assert.Equal(HttpStatusCode.NotFound, pause.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var untouched = Store.Find(theirId, SubscriptionViewer.Scheduler)!;
        Assert.Equal((theirs, false, $"other-{role}"), (untouched.Name, untouched.Paused, untouched.Owner));
        Assert.Empty(Store.Deliveries(SubscriptionViewer.Scheduler, theirId)); // "send now" sent nothing
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(owner, $"/api/subscriptions/{IdOf(mine)}/pause", [])).StatusCode);
        Assert.True(Store.Find(IdOf(mine), SubscriptionViewer.Scheduler)!.Paused);
    }

    [Fact]
    public async Task An_administrator_sees_and_manages_every_subscription_and_those_without_an_owner_are_theirs()
    {
        using var executive = As("exec-admin-test", Roles.Executive);
        using var admin = As("admin-subs", Roles.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(executive, "/api/subscriptions", Weekly("the executive's"))).StatusCode);
        await Store.SaveAsync(null, new SubscriptionDraft("from before owners", "executive", "0 0 7 ? * MON", "board@example.com", "", "last-full-week", "en-GB"),
            SubscriptionViewer.Scheduler);
        using (var connection = host.Warehouse.Database.OpenConnection()) // as a row stored before migration 0070 reads
            connection.Execute("DELETE FROM report_subscription_owners WHERE subscription_id = (SELECT subscription_id FROM report_subscriptions WHERE name = 'from before owners')");

        var listed = await ListedAsync(admin);
        var page = await admin.GetStringAsync("/subscriptions");
        var executiveSees = await ListedAsync(executive);
        var pause = await PostFormAsync(admin, $"/api/subscriptions/{IdOf("the executive's")}/pause", []);

        Assert.Contains("the executive's", listed);
        Assert.Contains("from before owners", listed);
        Assert.Matches("data-owner[^>]*>exec-admin-test<", page);
        Assert.Matches("data-owner[^>]*>administrators<", page);
        Assert.DoesNotContain("from before owners", executiveSees);
        Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
        Assert.True(Store.Find(IdOf("the executive's"), SubscriptionViewer.Scheduler)!.Paused);
        Assert.Equal("exec-admin-test", Store.Find(IdOf("the executive's"), SubscriptionViewer.Scheduler)!.Owner); // managing keeps the owner
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
