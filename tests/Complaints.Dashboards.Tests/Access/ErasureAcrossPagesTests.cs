using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// An erasure seen from the outside: every JSON answer of every API route the app maps (read from its endpoint data
/// source, so a new one is checked without being listed) is the same before and after, and afterwards no page, API
/// answer, export or table holds the person's name, e-mail or phone, not even for a holder of the permission asking
/// to see them, nor in the versions kept for history.
/// </summary>
public sealed class ErasureAcrossPagesTests(AccessHost host) : IClassFixture<AccessHost>, IAsyncLifetime
{
    /// <summary>What names Ewa Zielińska: her name and its parts, both her e-mails (the old one only in history), her phone as written and as digits.</summary>
    private static readonly string[] Ewa = ["Zielińska", "Ewa Z", "ewa.z@example.com", "ewa.old@example.com", "601 222 333", "601222333"];

    /// <summary>Values for the routes' parameters, and the query a route needs to answer with figures rather than a 400.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["feed"] = "surveys", ["culture"] = "en-GB", ["source"] = "crm", ["id"] = "E-1", ["name"] = "executive", ["subscriptionId"] = "1",
        ["extension"] = "csv",
    };

    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["/api/history/complaints-per-product"] = "?asOf=2026-03-02T09:30:00Z", // between the two versions of E-1: the one kept for history
        ["/api/defects/themes"] = "?product=HA-0001",
        ["/api/defects/weeks"] = "?key=product|HA-0001|leak",
        ["/api/audit/reports/register.xlsx"] = "?from=2024-01-01&to=2026-12-31",
        ["/api/audit/reports/summary.pdf"] = "?from=2024-01-01&to=2026-12-31",
    };

    private long _lastRun;

    public async Task InitializeAsync()
    {
        foreach (var (feed, csv) in OverviewFixture.Files())
            await UploadAsync(feed, csv);
        // Two versions of Ewa's complaint, an hour apart: the first (old e-mail) is kept for history.
        await UploadAsync(FeedLayouts.Complaints, Ewas("2024-02-10T10:00:00+01:00", "ewa.old@example.com", "Kettle leaks. Call me on +48 601 222 333. Ewa Zielińska"));
        host.Time.Advance(TimeSpan.FromHours(1));
        await UploadAsync(FeedLayouts.Complaints, Ewas("2024-02-12T10:00:00+01:00", "ewa.z@example.com", "Still leaking, write to ewa.z@example.com. Regards, Zielińska"));
        await UploadAsync(FeedLayouts.Costs, CanonicalCsv.Write(FeedLayouts.Costs, new Dictionary<string, string>
        {
            ["source"] = "erp", ["external_id"] = "EK-1", ["complaint_source"] = "crm", ["complaint_id"] = "E-1", ["cost_type"] = "refund",
            ["amount"] = "99.90", ["currency"] = "PLN", ["booked_on"] = "2024-02-20", ["updated_at"] = "2024-02-20T12:00:00+01:00",
        }));
        await UploadAsync(FeedLayouts.Surveys, CanonicalCsv.Write(FeedLayouts.Surveys, new Dictionary<string, string>
        {
            ["source"] = "survey", ["external_id"] = "ES-1", ["complaint_source"] = "crm", ["complaint_id"] = "E-1", ["answered_at"] = "2024-02-25T12:00:00+01:00",
            ["csat"] = "4", ["nps"] = "8", ["comment"] = "Ewa Zielińska here: quick refund, thanks", ["updated_at"] = "2024-02-25T12:00:00+01:00",
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Ewas(string updated, string email, string description) => CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
    {
        ["source"] = "crm", ["external_id"] = "E-1", ["updated_at"] = updated, ["received_at"] = "2024-02-10T10:00:00+01:00", ["status"] = "in_progress",
        ["product_sku"] = "HA-0001", ["channel"] = "email", ["defect_category"] = "leak", ["description"] = description,
        ["customer_id"] = "K-EWA", ["customer_segment"] = "vip", ["customer_name"] = "Ewa Zielińska", ["customer_email"] = email, ["customer_phone"] = "+48 601 222 333",
    });

    private async Task UploadAsync(FeedLayout feed, string csv)
    {
        using var admin = TestApp.Client(host.BaseAddress);
        var response = await admin.PostAsync($"/api/ingest/{feed.Name}?fileName={feed.Name}-{Guid.NewGuid():N}.csv", new StringContent(csv));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var runs = JsonDocument.Parse(await admin.GetStringAsync("/api/ingest/runs?limit=1"));
        _lastRun = runs.RootElement[0].GetProperty("runId").GetInt64();
    }

    /// <summary>Every GET route the app maps, with sample values, as addresses; static files and the catch-all left out.</summary>
    private List<string> GetRoutes() => host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.DisplayName != "Fallback {**path:file}")
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
        .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
        .Distinct()
        .Select(pattern => Regex.Replace(pattern, @"\{\*?([^}:=?]+)[^}]*\}",
            m => m.Groups[1].Value == "runId" ? _lastRun.ToString(System.Globalization.CultureInfo.InvariantCulture) : Samples.GetValueOrDefault(m.Groups[1].Value, "x"))
            + Queries.GetValueOrDefault(pattern, ""))
        .Where(url => !url.StartsWith("/account/sign-out", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    [Fact]
    public async Task After_an_erasure_every_api_answers_the_same_and_nothing_anywhere_names_the_person()
    {
        using var reader = TestApp.Client(host.BaseAddress, handler: new HttpClientHandler { AllowAutoRedirect = false }); // every role
        using var officer = TestApp.Client(host.BaseAddress, TestApp.CreateToken(host.Services, "privacy-officer", Roles.All, personalData: true),
            new HttpClientHandler { AllowAutoRedirect = false });
        // Exports and audit reports carry the instant they were made, so they are searched for her below, not compared.
        var apis = GetRoutes().Where(url => url.StartsWith("/api/", StringComparison.Ordinal)
            && !url.StartsWith("/api/exports/", StringComparison.Ordinal) && !url.StartsWith("/api/audit/reports/", StringComparison.Ordinal)).ToList();
        var before = await AnswersAsync(reader, apis);
        Assert.Contains(Ewa[0], WebUtility.HtmlDecode(await officer.GetStringAsync("/complaints/crm/E-1?personal=show"))); // she is there to be erased
        Assert.Contains("/complaints/crm/E-1", await officer.GetStringAsync("/complaints?q=Zieli%C5%84ska"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/ingest/runs")).StatusCode);

        var erased = await officer.PostAsJsonAsync("/api/personal-data/erase", new { customerId = "K-EWA" });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var after = await AnswersAsync(reader, apis);
        Assert.True(apis.Count >= 15, $"only {apis.Count} API routes: {string.Join(", ", apis)}");
        Assert.True(before.Count(a => a.Value.StartsWith("200", StringComparison.Ordinal)) >= 12, string.Join("\n", before.Select(a => $"{a.Key}: {a.Value[..Math.Min(80, a.Value.Length)]}")));
        var changed = apis.Where(url => before[url] != after[url]).Select(url => $"{url}:\n  before {before[url]}\n  after  {after[url]}").ToList();
        Assert.True(changed.Count == 0, string.Join("\n", changed));

        var leaks = new List<string>();
        // A search shows back what was typed: what it must not do is find her complaint.
        foreach (var needle in Ewa)
        {
            var q = Uri.EscapeDataString(needle);
            if ((await officer.GetStringAsync($"/complaints?q={q}")).Contains("/complaints/crm/E-1", StringComparison.Ordinal))
                leaks.Add($"the list's search for '{needle}' finds E-1");
            if ((await officer.GetStringAsync($"/api/exports/complaints.csv?q={q}")).Contains("E-1", StringComparison.Ordinal))
                leaks.Add($"the export's search for '{needle}' finds E-1");
        }
        foreach (var url in GetRoutes().Append("/complaints/crm/E-1?personal=show").Append("/api/exports/complaints.xlsx").Append("/api/exports/complaints.parquet"))
        {
            using var response = await officer.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            string text;
            try { text = await TextOf(response); }
            catch (HttpRequestException e) { leaks.Add($"{url} ({(int)response.StatusCode}) broke off: {e.Message}"); continue; }
            leaks.AddRange(Ewa.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{url} ({(int)response.StatusCode}) names '{n}'"));
        }
        leaks.AddRange(Ewa.SelectMany(Mentions));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains("Still leaking, write to [erased]. Regards, [erased]", WebUtility.HtmlDecode(await officer.GetStringAsync("/complaints/crm/E-1?personal=show")));
    }

    private static async Task<Dictionary<string, string>> AnswersAsync(HttpClient client, IEnumerable<string> urls)
    {
        var answers = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            answers[url] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        return answers;
    }

    /// <summary>A response's text: an .xlsx's XML parts unzipped, anything else as sent (Parquet keeps strings readable).</summary>
    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes is [(byte)'P', (byte)'K', ..])
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            return string.Join("\n", zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        }
        // Pages encode letters such as ń as entities: decoded, so a name is found however it was written.
        return WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(bytes)) + Uri.UnescapeDataString(response.Headers.Location?.OriginalString ?? "");
    }

    /// <summary>Every text cell of every table, current and kept for history, the audit log too, that holds <paramref name="needle"/>.</summary>
    private List<string> Mentions(string needle)
    {
        using var connection = host.Warehouse.Database.OpenConnection();
        var columns = connection.QueryList("SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' AND table_schema = 'main'",
            r => (Table: r.GetString(0), Column: r.GetString(1)));
        return columns.Where(c => connection.Scalar<long>($"SELECT count(*) FROM \"{c.Table}\" WHERE \"{c.Column}\" ILIKE '%' || $n || '%'", ("n", needle)) > 0)
            .Select(c => $"table {c.Table}.{c.Column} names '{needle}'").ToList();
    }
}
