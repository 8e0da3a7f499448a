using Bunit;
using Complaints.Dashboards.Features.Filters;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Dashboards.Tests.Components;

/// <summary>The fixture loaded once into a real DuckDB file: the filter options come from it.</summary>
public sealed class FilterOptionsWarehouse : IAsyncLifetime
{
    public TempWarehouse Warehouse { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Warehouse = await TempWarehouse.CreateAsync();
        var loader = Warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
            await loader.LoadAsync(Warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
    }

    public Task DisposeAsync()
    {
        Warehouse.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The shared filter bar (bUnit): labelled controls, presets relative to today in the reporting zone, a form whose fields are the URL's.</summary>
public sealed class FilterBarTests : IClassFixture<FilterOptionsWarehouse>, IDisposable
{
    // 23:30 UTC on 30 June is already 1 July in Warsaw: the presets count from the local day, in the third quarter.
    private static readonly DateTimeOffset Now = new(2025, 6, 30, 23, 30, 0, TimeSpan.Zero);
    private readonly BunitContext _context = new();

    public FilterBarTests(FilterOptionsWarehouse warehouse)
    {
        _context.Services.AddLocalization();
        _context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        _context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ReportingOptions { TimeZone = "Europe/Warsaw" }));
        _context.Services.AddSingleton(new FilterOptionsQuery(warehouse.Warehouse.Database, new FigureCache(warehouse.Warehouse.Database)));
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<FilterBar> Render(ComplaintFilter filters, string action = "/") =>
        _context.Render<FilterBar>(p => p.Add(c => c.Filters, filters).Add(c => c.Action, action));

    [Fact]
    public void Every_control_has_a_label_and_the_name_the_URL_uses()
    {
        using var _ = new CultureScope("en-GB");

        var bar = Render(ComplaintFilter.All);

        // A label's own words: its text, not the options of the select inside it.
        var labels = bar.FindAll("label").ToDictionary(l => l.QuerySelector("input, select")!.GetAttribute("name")!,
            l => string.Concat(l.ChildNodes.Where(n => n.NodeType == AngleSharp.Dom.NodeType.Text).Select(n => n.TextContent)).Trim());
        Assert.Equal("from", labels["from"]);
        Assert.Equal("Product line", labels["line"]);
        Assert.Equal("Defect", labels["category"]);
        Assert.Equal(["from", "to", "line", "product", "category", "channel", "segment", "country", "status"], labels.Keys);
        Assert.Equal("Filters", bar.Find("form").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_form_asks_for_the_page_again_with_the_chosen_values_in_its_query_string()
    {
        using var _ = new CultureScope("en-GB");

        var bar = Render(new ComplaintFilter(Line: "Home appliances", Channel: "email"), action: "/sla");

        var form = bar.Find("form");
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/sla", form.GetAttribute("action"));
        var line = bar.Find("select[name=line]");
        Assert.Equal(["Any", "Electronics", "Home appliances"], line.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("Home appliances", line.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal("email", bar.Find("select[name=channel] option[selected]").GetAttribute("value"));
        Assert.Equal("/sla", bar.Find(".actions a").GetAttribute("href")); // clear filters
    }

    [Fact]
    public void A_preset_sets_from_and_to_from_today_in_the_reporting_zone_and_keeps_the_other_filters()
    {
        using var _ = new CultureScope("en-GB");

        var bar = Render(new ComplaintFilter(From: new DateOnly(2024, 1, 1), Line: "Home appliances"));
        var presets = bar.FindAll(".presets a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);

        var lastWeek = Query(presets["Last 7 days"]);
        Assert.Equal(("2025-06-25", "2025-07-01", "Home appliances"), (lastWeek["from"], lastWeek["to"], lastWeek["line"]));
        var quarter = Query(presets["This quarter"]);
        Assert.Equal(("2025-07-01", "2025-07-01"), (quarter["from"], quarter["to"]));
        Assert.Equal("2025-01-01", Query(presets["Year to date"])["from"]);
        var all = Query(presets["All dates"]);
        Assert.False(all.ContainsKey("from"));
        Assert.Equal("Home appliances", all["line"]);
    }

    [Fact]
    public void In_Polish_the_labels_and_presets_are_Polish_and_the_values_stay_codes()
    {
        using var _ = new CultureScope("pl-PL");

        var bar = Render(ComplaintFilter.All);

        Assert.Equal("Data przyjęcia", bar.Find("legend").TextContent);
        Assert.Contains("Linia produktów", bar.Find("select[name=line]").ParentElement!.TextContent);
        Assert.Equal("Wszystkie", bar.Find("select[name=channel] option").TextContent);
        Assert.Contains("email", bar.FindAll("select[name=channel] option").Select(o => o.GetAttribute("value")));
        Assert.Contains("Ostatnie 7 dni", bar.FindAll(".presets a").Select(a => a.TextContent));
        Assert.Equal("Zastosuj", bar.Find("button[type=submit]").TextContent);
    }

    [Fact]
    public void In_Polish_the_drill_down_chips_and_their_remove_links_are_Polish()
    {
        using var _ = new CultureScope("pl-PL");

        var bar = Render(new ComplaintFilter(Costed: true, Breached: SlaBreach.Statutory, AsOf: new DateTimeOffset(2025, 6, 16, 10, 0, 0, TimeSpan.Zero)), action: "/costs");

        var narrowed = bar.Find("[data-narrowed]").TextContent;
        Assert.StartsWith("Dodatkowo zawężone do:", narrowed.Trim());
        var chips = bar.FindAll(".narrow").Select(c => c.FirstChild!.TextContent.Trim()).ToList();
        Assert.Equal(["niedotrzymany termin ustawowy", "z kosztami", "stan na 16 cze 2025 10:00:00 UTC"], chips);
        Assert.Equal("Usuń: z kosztami", bar.FindAll(".narrow a")[1].GetAttribute("aria-label"));
        Assert.False(Query(bar.FindAll(".narrow a")[1].GetAttribute("href")!).ContainsKey("costed"));
    }

    private static Dictionary<string, string> Query(string href) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), href).Query).ToDictionary(q => q.Key, q => q.Value.ToString());
}
