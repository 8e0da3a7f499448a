using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.Dashboards.Tests.Cfpb;

/// <summary>
/// The real host over the real CFPB export (tests/data/cfpb), uploaded through the shipped <c>cfpb-complaints</c> profile.
/// The export closes almost every complaint without a resolution date: these are closed with their time unknown.
/// </summary>
public sealed class CfpbHost : IAsyncLifetime
{
    public const string Key = "test-key-for-cfpb-complaints-0123";
    public static readonly string File = Path.Combine(Repository.Root, "tests", "data", "cfpb", "consumer_complaints_2014.csv");

    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public HttpClient Http { get; private set; } = null!;
    public LoadResult Upload { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        (_factory, var address) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Ingest:ApiKeys:complaints"] = Key,
        });
        Http = TestApp.Client(address);
        using var content = new StreamContent(System.IO.File.OpenRead(File));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/complaints?fileName=consumer_complaints_2014.csv&profile=cfpb-complaints") { Content = content };
        request.Headers.Add("X-Api-Key", Key);
        using var response = await Http.SendAsync(request);
        Upload = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        if (response.StatusCode != HttpStatusCode.OK || Upload.Status != LoadStatus.Loaded)
            throw new InvalidOperationException($"The CFPB export did not load: {response.StatusCode} {Upload.Error}");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}

public sealed class CfpbFiguresTests(CfpbHost host) : IClassFixture<CfpbHost>
{
    /// <summary>Counted from the CSV by DuckDB's own reader in a database of its own: no profile, no mapping code.</summary>
    private static (long Rows, long InProgress) CountedFromTheFile()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(*) FILTER (WHERE "Company response" = 'In progress')
            FROM read_csv($path, header = true, all_varchar = true, null_padding = true, quote = '"', escape = '"')
            """;
        command.Parameters.Add(new DuckDBParameter("path", CfpbHost.File));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task The_Overview_counts_open_only_what_the_export_says_is_in_progress()
    {
        var (rows, inProgress) = CountedFromTheFile();

        var figures = (await host.Http.GetFromJsonAsync<OverviewFigures>("/api/overview"))!;
        var json = await host.Http.GetStringAsync("/api/overview");

        Assert.Equal(rows, host.Upload.RowsInserted);
        Assert.True(inProgress > 0 && inProgress < rows);
        Assert.Equal(inProgress, figures.Kpis.Current.StillOpen);
        Assert.Equal(inProgress, figures.Totals.Open);
        Assert.Equal(rows - inProgress, figures.Totals.ClosedTimeUnknown);
        Assert.Equal(rows - inProgress, figures.Kpis.Current.ClosedTimeUnknown);
        Assert.Null(figures.Kpis.Current.MedianHandlingDays);
        Assert.Empty(figures.HandlingTimePerProduct);
        Assert.Contains($"\"note\":\"{rows - inProgress:N0} closed complaints have no resolution date: left out of handling times.\"", json);
    }

    [Fact]
    public async Task Nothing_is_judged_breached_for_want_of_a_date()
    {
        var (rows, inProgress) = CountedFromTheFile();
        var closed = rows - inProgress;

        var sla = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        var a = sla.Achievement;
        // Every complaint still in progress since 2014 is past its due time: those, and only those, breached.
        Assert.Equal((inProgress, 0L, closed), (a.ResolutionDecided, a.ResolutionMet, a.ResolutionTimeUnknown));
        Assert.Equal((inProgress, 0L, closed), (a.StatutoryDecided, a.StatutoryMet, a.StatutoryTimeUnknown));
        Assert.Equal(inProgress, sla.BreachesByTeam.Sum(b => b.ResolutionBreached));
        Assert.Equal(inProgress, sla.Backlog.Sum(b => b.Complaints));
        Assert.Equal([LeftOut.ClosedWithoutResolutionDate, LeftOut.ClosedWithoutAnswerDate], sla.LeftOut.Select(l => l.Reason));
        Assert.All(sla.LeftOut, l => Assert.Equal(closed, l.Complaints));
        // Penalties are charged for the same breaches only.
        var costs = (await host.Http.GetFromJsonAsync<Complaints.Warehouse.Costs.CostFigures>("/api/costs"))!;
        Assert.Equal((inProgress, inProgress), (costs.Penalties.ResolutionBreaches, costs.Penalties.StatutoryMisses));
        // The complaint list behind "breached" holds the same complaints.
        var breachedList = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/complaints?breached=statutory"));
        Assert.Contains($">{inProgress:N0}</strong>", breachedList);
    }

    [Fact]
    public async Task The_Overview_and_SLA_pages_say_how_many_closed_complaints_were_left_out_and_why()
    {
        var (rows, inProgress) = CountedFromTheFile();
        var closed = (rows - inProgress).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

        var overview = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/"));
        var slaPage = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/sla"));

        Assert.Contains($"{closed} closed complaints have no resolution date: left out of handling times", overview);
        Assert.Contains($"{closed} closed complaints have no resolution date: left out of the resolution and handling-time figures", slaPage);
        Assert.Contains($"{closed} closed complaints have no answer or resolution date: their statutory outcome is unknown", slaPage);
    }

    [Fact]
    public async Task A_handling_time_chart_with_nothing_to_draw_says_why_instead_of_drawing_empty_axes()
    {
        var (rows, inProgress) = CountedFromTheFile();
        var closed = (rows - inProgress).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

        var overview = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/"));
        var slaPage = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/sla"));

        foreach (var (page, chart) in new[] { (overview, "handling-time-per-product"), (slaPage, "handling-per-product") })
        {
            Assert.DoesNotContain($"data-chart=\"{chart}\"", page);
            Assert.Matches($"data-empty-chart=\"{chart}\"[^>]*>Nothing to draw here. No complaint here has a resolution date: {closed} closed complaints came without one", page);
        }
    }

    [Fact]
    public async Task Each_product_is_named_by_the_export_s_own_product_and_sub_product_not_by_its_SKU()
    {
        var perProduct = (await host.Http.GetFromJsonAsync<List<ProductCount>>("/api/overview/complaints-per-product"))!;
        var overview = WebUtility.HtmlDecode(await host.Http.GetStringAsync("/"));

        Assert.Equal(LoadStatus.Loaded, host.Upload.Products!.Status);
        Assert.Equal(perProduct.Count, host.Upload.Products.RowsInserted);
        var mortgage = perProduct.Single(p => p.Sku == "mortgage/conventional-fixed-mortgage");
        Assert.Equal(("Mortgage / Conventional fixed mortgage", "Mortgage"), (mortgage.Name, mortgage.ProductLine));
        Assert.Equal("Credit card", perProduct.Single(p => p.Sku == "credit-card").Name); // no sub-product: the product alone
        Assert.Contains("Mortgage / Conventional fixed mortgage", overview);
    }
}
