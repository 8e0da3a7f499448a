using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Audit;

/// <summary>The Audit page over a host of its own (the test tampers with its trail), with a checkpoint key as in production.</summary>
[Collection(HostCollection.Name)]
public sealed class AuditPageTests(Browser browser) : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;
    private string CheckpointFile => Path.Combine(_warehouse.Directory, "anchors", "audit.checkpoints");

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        using (var connection = _warehouse.Database.OpenConnection())
        {
            AuditLog.Append(connection, TimeProvider.System, "admin", "ingest.run.rolled_back", "ingest_runs/7", null, "{\"status\":\"rolled_back\"}");
            AuditLog.Append(connection, TimeProvider.System, "system", "sla.recalculated", "complaint_sla", null, "{\"complaints\":8}");
            AuditLog.Append(connection, TimeProvider.System, "admin", "defect_signal.status", "product|HA-0001|leaking", "{\"status\":\"new\"}", "{\"status\":\"acknowledged\"}");
        }
        Uri address;
        (_factory, address) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Audit:CheckpointKey"] = "a test key that is at least 32 characters",
            ["Audit:CheckpointPath"] = CheckpointFile,
        });
        _http = TestApp.Client(address);
    }

    [Fact]
    public async Task The_page_filters_the_trail_and_shows_it_intact_with_its_checkpoint_then_names_an_edited_entry()
    {
        // The host verified the trail at start, wrote what it did at start (the cost rollup built, the settings it started with),
        // and anchored the head in the configured file.
        var entries = _warehouse.Count("audit_log");
        var anchored = new AuditCheckpointFile(CheckpointFile).Read()[^1].Checkpoint!;
        Assert.True(entries > 3);
        Assert.Equal(entries, anchored.Seq);
        Assert.True(anchored.IsSignedWith("a test key that is at least 32 characters"u8.ToArray()));

        var intact = await _http.GetStringAsync("/audit");
        Assert.Contains("data-state=\"intact\"", intact);
        Assert.Contains($"All {entries} entries continue the chain", intact);
        Assert.Contains($"entry {entries},", intact);
        Assert.Contains("settings.changed", intact);
        Assert.DoesNotContain("data-state=\"unsigned\"", intact);

        var filtered = await _http.GetStringAsync("/audit?who=admin&subject=HA-0001");
        Assert.Matches("data-figure=\"count\"[^>]*>1</strong>", filtered);
        Assert.Contains("defect_signal.status", filtered);
        Assert.DoesNotContain("ingest_runs/7", filtered);

        using (var connection = _warehouse.Database.OpenConnection())
            connection.Execute("UPDATE audit_log SET after_json = '{\"status\":\"dismissed\"}' WHERE seq = 3");

        var (page, errors) = await browser.OpenAsync(new Uri(_http.BaseAddress!, "/audit?culture=pl-PL"));
        var state = await page.Locator("[data-state=broken]").InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("audit-broken"), FullPage = true });
        Assert.Contains("Dziennik jest naruszony.", state);
        Assert.Contains("Wpis 3 zmieniono po zapisaniu.", state);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_malformed_date_is_answered_with_what_to_fix()
    {
        var html = await _http.GetStringAsync("/audit?from=30.06.2025");

        Assert.Contains("&#x27;from&#x27; and &#x27;to&#x27; must be dates written yyyy-MM-dd", html);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}
