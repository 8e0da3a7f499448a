using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ClosedXML.Excel;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Audit;

/// <summary>Audit reports through the real host: the auditor's download, the issue log, the verify API and page, reproduction from the list's link.</summary>
[Collection(HostCollection.Name)]
public sealed class AuditReportEndpointTests(Browser browser) : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _auditor = null!;
    private Uri _address = null!;
    private const string Quarter = "from=2024-01-01&to=2024-03-31";

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        var loader = _warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
            Assert.Equal(LoadStatus.Loaded, (await loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed)).Status);
        (_factory, _address) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Audit:CheckpointKey"] = "a test key that is at least 32 characters",
            ["Audit:CheckpointPath"] = Path.Combine(_warehouse.Directory, "anchors", "audit.checkpoints"),
        });
        _auditor = TestApp.Client(_address, TestApp.TokenAs(_address, Roles.Auditor));
    }

    public async Task DisposeAsync()
    {
        _auditor.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }

    private async Task<JsonElement> IssuedAsync() => (await _auditor.GetFromJsonAsync<JsonElement>("/api/audit/reports"));

    [Fact]
    public async Task An_auditor_downloads_the_register_and_the_platform_recognises_exactly_those_bytes()
    {
        using var response = await _auditor.GetAsync($"/api/audit/reports/register.xlsx?{Quarter}&product=HA-0001");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("audit-register-20240101-20240331-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var book = new XLWorkbook(new MemoryStream(bytes)))
            Assert.Equal(3 + 1, book.Worksheet("Register").LastRowUsed().RowNumber()); // C1, C2, C3 are HA-0001's

        var issued = (await IssuedAsync()).EnumerateArray().Single();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), issued.GetProperty("fileSha256").GetString());
        Assert.StartsWith("auditor (token ", issued.GetProperty("issuedBy").GetString());
        Assert.Equal("product=HA-0001", issued.GetProperty("filter").GetString());

        // The verify API: the same bytes are the issue; one byte more is not.
        var same = await (await _auditor.PostAsync("/api/audit/reports/verify", new ByteArrayContent(bytes))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(same.GetProperty("issued").GetBoolean());
        Assert.Equal(issued.GetProperty("id").GetInt64(), same.GetProperty("issues")[0].GetProperty("id").GetInt64());
        var changed = await (await _auditor.PostAsync("/api/audit/reports/verify", new ByteArrayContent([.. bytes, 32]))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(changed.GetProperty("issued").GetBoolean());
    }

    [Fact]
    public async Task A_report_without_a_period_or_from_another_role_is_refused_saying_why()
    {
        using var noPeriod = await _auditor.GetAsync("/api/audit/reports/summary.pdf?product=HA-0001");
        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.StatusCode);
        Assert.Contains("give both 'from' and 'to'", await noPeriod.Content.ReadAsStringAsync());

        using var badInstant = await _auditor.GetAsync($"/api/audit/reports/register.xlsx?{Quarter}&asof=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badInstant.StatusCode);

        using var manager = TestApp.Client(_address, TestApp.TokenAs(_address, Roles.QualityManager));
        using var refused = await manager.GetAsync($"/api/audit/reports/register.xlsx?{Quarter}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, (await IssuedAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_register_too_large_for_Excel_is_refused_before_the_download_starts_with_the_ways_out()
    {
        // Excel's limit made 2 rows, so the quarter's 8 complaints are too many for a sheet.
        using var warehouse = await TempWarehouse.CreateAsync();
        foreach (var (feed, csv) in OverviewFixture.Files())
            Assert.Equal(LoadStatus.Loaded, (await warehouse.Loader().LoadAsync(warehouse.WriteFile($"{feed.Name}.csv", csv), feed)).Status);
        var (factory, address) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Audit:CheckpointKey"] = "a test key that is at least 32 characters",
            ["Audit:CheckpointPath"] = Path.Combine(warehouse.Directory, "anchors", "audit.checkpoints"),
        }, services => services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Complaints.Reports.AuditReports.AuditReportIssuer>(sp, 2L)));
        await using var _ = factory;
        using var auditor = TestApp.Client(address, TestApp.TokenAs(address, Roles.Auditor));

        using var response = await auditor.GetAsync($"/api/audit/reports/register.xlsx?{Quarter}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition); // no download was started
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Register", problem.GetProperty("sheet").GetString());
        Assert.Equal(8, problem.GetProperty("rows").GetInt64());
        Assert.Equal(2, problem.GetProperty("limit").GetInt64());
        Assert.Contains("choose a shorter period", problem.GetProperty("detail").GetString());
        var ways = problem.GetProperty("alternatives");
        Assert.Contains("from=2024-01-01", ways.GetProperty("firstHalf").GetString());
        Assert.Contains("to=2024-02-15", ways.GetProperty("firstHalf").GetString());
        Assert.Contains("from=2024-02-16", ways.GetProperty("secondHalf").GetString());
        Assert.StartsWith("/api/exports/complaints.csv?", ways.GetProperty("csv").GetString());
        Assert.Equal(0, (await auditor.GetFromJsonAsync<JsonElement>("/api/audit/reports")).GetArrayLength()); // nothing was issued

        // The summary holds lists of at most 1,000 rows: Excel's limit does not concern it.
        using var pdf = await auditor.GetAsync($"/api/audit/reports/summary.pdf?{Quarter}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
    }

    [Fact]
    public async Task The_verify_page_tells_an_issued_file_from_a_changed_one_and_the_list_reproduces_an_issue()
    {
        var pdf = await _auditor.GetByteArrayAsync($"/api/audit/reports/summary.pdf?{Quarter}");
        var path = Path.Combine(_warehouse.Directory, "handed-back.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var token = TestApp.TokenAs(_address, Roles.Auditor);

        var (page, errors) = await browser.OpenAsync(new Uri(_address, "/audit/verify"), token);
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await page.Locator("form.verify-form button[type=submit]").ClickAsync();
        var answer = await page.Locator("[data-state=issued]").InnerTextAsync();
        Assert.Contains("Issued by the platform, unchanged.", answer);
        Assert.Contains("is issue #1: summary.pdf for 2024-01-01 – 2024-03-31", answer);

        var tampered = Path.Combine(_warehouse.Directory, "tampered.pdf");
        await File.WriteAllBytesAsync(tampered, [.. pdf[..^10], .. "%%EOF\n  \n"u8.ToArray()]);
        await page.GotoAsync(new Uri(_address, "/audit/verify").ToString());
        await page.Locator("input[type=file]").SetInputFilesAsync(tampered);
        await page.Locator("form.verify-form button[type=submit]").ClickAsync();
        Assert.Contains("Not issued by the platform, or changed since.", await page.Locator("[data-state=not-issued]").InnerTextAsync());
        await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = Browser.ScreenshotPath("audit-verify-not-issued"), FullPage = true });

        // The Audit page lists the issue; its "Reproduce" link asks for the report as of the issue's instant: same content.
        await page.GotoAsync(new Uri(_address, "/audit").ToString());
        var link = await page.Locator("[data-figure=issued-reports] a").First.GetAttributeAsync("href");
        await page.Locator("#reports").ScreenshotAsync(new Microsoft.Playwright.LocatorScreenshotOptions { Path = Browser.ScreenshotPath("audit-reports") });
        Assert.Contains("asof=", link);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
        await _auditor.GetByteArrayAsync(link);
        var issues = (await IssuedAsync()).EnumerateArray().ToList();
        Assert.Equal(2, issues.Count);
        Assert.True(issues[0].GetProperty("reproduced").GetBoolean());
        Assert.Equal(issues[1].GetProperty("contentSha256").GetString(), issues[0].GetProperty("contentSha256").GetString());
    }
}
