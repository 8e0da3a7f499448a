using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.PersonalData;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>A complaint's customer on its page: masked for every reader, shown on request to holders of the permission, and every showing on record.</summary>
public sealed class PersonalDataPagesTests(AccessHost host) : IClassFixture<AccessHost>, IAsyncLifetime
{
    // Each test class instance asks again; the same file is a re-delivery and stores nothing new.
    public Task InitializeAsync() => UploadAsync("P-1", "K-9", "Zofia Nowak", "zofia@example.com");

    private async Task UploadAsync(string complaint, string customer, string name, string email)
    {
        using var admin = TestApp.Client(host.BaseAddress);
        var csv = CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
        {
            ["source"] = "crm", ["external_id"] = complaint, ["updated_at"] = "2026-02-01T10:00:00+01:00", ["received_at"] = "2026-02-01T10:00:00+01:00",
            ["status"] = "new", ["product_sku"] = "HA-0001", ["channel"] = "email", ["description"] = $"{name} says the lid broke; reach her at {email}",
            ["customer_id"] = customer, ["customer_segment"] = "standard", ["customer_name"] = name, ["customer_email"] = email, ["customer_phone"] = "+48 500 600 700",
        });
        var response = await admin.PostAsync($"/api/ingest/complaints?fileName={complaint}.csv", new StringContent(csv));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_the_permission_the_page_shows_the_customer_and_the_text_masked_even_when_asked()
    {
        using var manager = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.QualityManager));

        var page = await manager.GetStringAsync("/complaints/crm/P-1?personal=show");

        Assert.Contains("Z*** N***", page);
        Assert.Contains("z***@example.com", page);
        Assert.Contains("*** 700", page);
        Assert.DoesNotContain("Nowak", page);
        Assert.DoesNotContain("zofia@", page);
        Assert.Contains("data-personal=\"masked\"", page);
        Assert.DoesNotContain("Show personal data", page);
    }

    [Fact]
    public async Task With_the_permission_the_customer_is_shown_on_request_and_the_view_is_on_the_audit_log()
    {
        using var manager = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.QualityManager, personalData: true));

        var masked = await manager.GetStringAsync("/complaints/crm/P-1");
        var viewsBefore = Views();
        var shown = await manager.GetStringAsync("/complaints/crm/P-1?personal=show");

        Assert.Contains("Z*** N***", masked);
        Assert.Contains("Show personal data", masked);
        Assert.Equal(viewsBefore.Count, Views().Count - 1);
        Assert.Contains("Zofia Nowak", shown);
        Assert.Contains("zofia@example.com", shown);
        var view = Views().Last();
        Assert.Equal("customer:crm/K-9", view.Subject);
        Assert.StartsWith($"{Roles.QualityManager}-personal (token ", view.Actor);
        Assert.Contains("complaints/crm/P-1?personal=show", view.AfterJson);
    }

    [Fact]
    public async Task Erasure_needs_an_administrator_with_the_permission_and_leaves_nothing_to_show()
    {
        await UploadAsync("P-2", "K-10", "Marta Lis", "marta@example.com");
        using var admin = TestApp.Client(host.BaseAddress); // every role, but not the permission
        using var officer = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.Administrator, personalData: true));

        var refused = await admin.PostAsJsonAsync("/api/personal-data/erase", new { email = "marta@example.com" });
        var erased = await officer.PostAsJsonAsync("/api/personal-data/erase", new { email = "marta@example.com" });
        var again = await officer.PostAsJsonAsync("/api/personal-data/erase", new { email = "marta@example.com" });
        var page = await admin.GetStringAsync("/complaints/crm/P-2");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("No personal data is held", page);
        Assert.Contains(PersonalDataMask.Erased + " says the lid broke", page);
    }

    private List<AuditEntry> Views()
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection).Where(e => e.Action == PersonalDataStore.ViewAction).ToList();
    }
}
