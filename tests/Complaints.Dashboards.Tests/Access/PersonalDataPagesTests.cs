using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Reports.Workbooks;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.PersonalData;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// A complaint's customer on its page, in the list, its search, its exports and the workbooks: masked for every reader,
/// shown on request to holders of the permission, and every showing on record. The browser (the shared one, hence the
/// collection) checks the page as rendered.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PersonalDataPagesTests(AccessHost host, Browser browser) : IClassFixture<AccessHost>, IAsyncLifetime
{
    /// <summary>What names Zofia Nowak: her name, its parts, her e-mail, her phone.</summary>
    private static readonly string[] Zofia = ["Nowak", "Zofia", "zofia@example.com", "500 600 700", "500600700"];

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

    [Fact]
    public async Task Without_the_permission_the_list_masks_the_excerpt_and_a_search_for_the_person_finds_nothing()
    {
        using var manager = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.QualityManager));

        var list = await manager.GetStringAsync("/complaints");
        var byWord = await manager.GetStringAsync("/complaints?q=lid");

        Assert.Contains("*** says the lid broke; reach her at ***", list);
        Assert.Contains("/complaints/crm/P-1", byWord); // the search itself works
        foreach (var needle in Zofia)
        {
            Assert.DoesNotContain(needle, list, StringComparison.OrdinalIgnoreCase);
            var found = await manager.GetStringAsync($"/complaints?q={Uri.EscapeDataString(needle)}");
            Assert.DoesNotContain("/complaints/crm/P-1", found);
            var csv = await manager.GetStringAsync($"/api/exports/complaints.csv?q={Uri.EscapeDataString(needle)}");
            Assert.DoesNotContain("P-1", csv);
        }
    }

    [Fact]
    public async Task With_the_permission_a_search_by_name_finds_the_complaint_and_is_on_the_audit_log_by_ids()
    {
        using var manager = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.QualityManager, personalData: true));
        var before = Entries(PersonalDataStore.SearchAction).Count;

        var found = await manager.GetStringAsync("/complaints?q=Nowak");

        Assert.Contains("/complaints/crm/P-1", found);
        Assert.Contains("*** says the lid broke", found); // the list stays masked; the complaint's page shows on request
        var entry = Assert.Single(Entries(PersonalDataStore.SearchAction).Skip(before));
        Assert.Equal("customer:crm/K-9", entry.Subject);
        Assert.DoesNotContain("Nowak", entry.AfterJson); // the search text is personal data too
    }

    [Fact]
    public async Task No_workbook_holds_personal_data_even_for_a_holder_of_the_permission()
    {
        using var officer = TestApp.Client(host.BaseAddress, TestApp.TokenAs(host.BaseAddress, Roles.Executive, personalData: true));

        foreach (var report in ReportDefinition.All)
        {
            var response = await officer.GetAsync($"/api/exports/{report.Name}.xlsx");
            Assert.True(response.IsSuccessStatusCode, $"{report.Name}: {response.StatusCode}");
            var text = XlsxText(await response.Content.ReadAsByteArrayAsync());
            if (report.Name == "executive")
                Assert.Contains("HA-0001", text); // it holds the complaints' figures, by product
            foreach (var needle in Zofia)
                Assert.DoesNotContain(needle, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task In_the_browser_the_rendered_page_hides_the_person_without_the_permission_and_shows_them_with_it_on_record()
    {
        var (masked, maskedErrors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/complaints/crm/P-1?personal=show"),
            TestApp.TokenAs(host.BaseAddress, Roles.QualityManager));
        await masked.Locator("[data-personal]").WaitForAsync();
        var maskedText = await masked.InnerTextAsync("body");
        var maskedHtml = await masked.ContentAsync();
        var viewsBefore = Views().Count;
        var (shown, shownErrors) = await browser.OpenAsync(new Uri(host.BaseAddress, "/complaints/crm/P-1?personal=show"),
            TestApp.TokenAs(host.BaseAddress, Roles.QualityManager, personalData: true));
        await shown.Locator("[data-personal=shown]").WaitForAsync();
        var shownText = await shown.InnerTextAsync("body");
        await shown.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("complaint-personal-shown"), FullPage = true });

        Assert.Equal("masked", await masked.GetAttributeAsync("[data-personal]", "data-personal"));
        Assert.Equal("Z*** N***", await masked.InnerTextAsync("[data-person=name]"));
        foreach (var needle in Zofia)
        {
            Assert.DoesNotContain(needle, maskedText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(needle, maskedHtml, StringComparison.OrdinalIgnoreCase); // not in the markup either, hidden or not
        }
        Assert.Equal("Zofia Nowak", await shown.InnerTextAsync("[data-person=name]"));
        Assert.Contains("zofia@example.com", shownText);
        Assert.Contains("Zofia Nowak says the lid broke", shownText);
        Assert.Equal(viewsBefore + 1, Views().Count);
        Assert.Equal("customer:crm/K-9", Views().Last().Subject);
        Assert.Empty(maskedErrors);
        Assert.Empty(shownErrors);
        await masked.CloseAsync();
        await shown.CloseAsync();
    }

    /// <summary>Every text a workbook holds: its shared strings, inline strings, sheet names and properties.</summary>
    private static string XlsxText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        return string.Join("\n", zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }

    private List<AuditEntry> Views() => Entries(PersonalDataStore.ViewAction);

    private List<AuditEntry> Entries(string action)
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        return AuditLog.Read(connection).Where(e => e.Action == action).ToList();
    }
}
