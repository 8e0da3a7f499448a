using System.Text.Json;
using System.Text.RegularExpressions;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Dashboards.Tests.Sla;
using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Language;

/// <summary>The Polish UI in headless Chromium: chosen with the switcher, kept in a cookie, filters untouched.</summary>
[Collection(HostCollection.Name)]
public sealed class PolishPagesTests(DashboardsHost host, SlaHost sla, Browser browser)
{
    [Fact]
    public async Task Switching_to_Polish_keeps_the_filters_shows_Polish_words_and_numbers_and_survives_a_reload()
    {
        const string address = "/?line=Home+appliances&bucket=week";
        var (page, errors) = await browser.OpenAsync(new Uri(host.BaseAddress, address));
        Assert.Equal("Overview", await page.Locator("h1").InnerTextAsync());

        await page.ClickAsync("nav.languages a[lang=pl-PL]");
        await page.WaitForURLAsync(url => url.EndsWith(address, StringComparison.Ordinal));

        Assert.Equal("Przegląd", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("pl-PL", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Data przyjęcia", await page.Locator(".filter-bar legend").InnerTextAsync());
        Assert.Contains("Przyjęte reklamacje", await page.Locator(".tiles").InnerTextAsync());
        Assert.Equal("Home appliances", await page.InputValueAsync("select[name=line]")); // the filter survived the switch
        Assert.Equal("week", await page.InputValueAsync("select[name=bucket]"));
        // 100.00 PLN + 20.00 EUR at 4.30 + 250.50 PLN for Kettle Aqua: decimal comma, then " zł" (.NET groups thousands with U+00A0).
        var cost = await page.Locator("[data-figure=cost]").InnerTextAsync();
        Assert.Equal("436,50 zł", cost);
        Assert.Matches(new Regex(@"^\d{1,3}(\u00A0\d{3})*,\d{2} zł$"), cost);

        // Plotly writes no month names of its own: the trend's ticks are .NET's Polish dates ("8 sty 2024").
        var ticks = await TickTexts(page, "trend");
        Assert.Contains(ticks, t => t.Contains(" sty 2024", StringComparison.Ordinal));

        await page.ReloadAsync();
        Assert.Equal("Przegląd", await page.Locator("h1").InnerTextAsync());
        await page.Locator("[data-table=cost-per-product] summary").ClickAsync();
        var costRow = await page.Locator("[data-table=cost-per-product] tbody tr").First.InnerTextAsync();
        Assert.Contains("436,50 zł", costRow);
        Assert.Equal("Pobierz dane (CSV)", await page.Locator("[data-table=cost-per-product] a.download").InnerTextAsync());
        await TickTexts(page, "complaints-per-product"); // every chart drawn before the picture is taken
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-polish"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_SLA_page_in_Polish_names_its_figures_and_age_buckets_in_Polish()
    {
        var (page, errors) = await browser.OpenAsync(new Uri(sla.Http.BaseAddress!, "/sla"));
        await page.ClickAsync("nav.languages a[lang=pl-PL]");
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "SLA i obsługa" }).WaitForAsync();

        Assert.Contains("Pierwsza odpowiedź w terminie", await page.Locator(".tiles").InnerTextAsync());
        var ageing = await page.EvaluateAsync<string[]>("""
            async () => {
                const selector = '[data-chart=backlog-ageing] .js-plotly-plot';
                while (!(document.querySelector(selector)?.data?.length > 0)) await new Promise(r => setTimeout(r, 50));
                return document.querySelector(selector).data[0].y;
            }
            """);
        Assert.Contains("0-3 dni", ageing);
        await TickTexts(page, "breaches-by-product-line");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("sla-polish"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_Costs_page_in_Polish_has_Polish_headings_and_amounts_in_zloty()
    {
        // Through the switcher, as a reader would: the charts' circuit then starts in Polish too (?culture= reaches only the page's own request).
        var (page, errors) = await browser.OpenAsync(new Uri(sla.Http.BaseAddress!, "/costs"));
        await page.ClickAsync("nav.languages a[lang=pl-PL]");
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "Koszty" }).WaitForAsync();

        Assert.Equal("Koszt wg produktu", await page.Locator("h2#per-product").InnerTextAsync());
        Assert.Equal("Kary SLA (wyliczone)", await page.Locator("h2#penalties").InnerTextAsync());
        // 2,846.30 PLN in the fixture: Polish groups with a no-break space and writes the amount in złoty.
        Assert.Equal("2\u00A0846,30 zł", await page.Locator("[data-figure=total]").InnerTextAsync());
        Assert.Equal("Pobierz dane (CSV)", await page.Locator("[data-table=cost-per-type] a.download").InnerTextAsync());
        Assert.Contains("kwi 2025", await TickTexts(page, "cost-trend"));
        await TickTexts(page, "sla-penalties");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("costs-polish"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.CloseAsync();
    }

    /// <summary>The x-axis tick labels plotly drew for a chart, once it has drawn.</summary>
    private static async Task<List<string>> TickTexts(IPage page, string chart)
    {
        var selector = $"[data-chart={chart}] .js-plotly-plot";
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?.data?.length > 0", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var ticks = await page.EvaluateAsync<JsonElement>($"() => [...document.querySelectorAll('{selector} .xtick text')].map(t => t.textContent)");
        return ticks.EnumerateArray().Select(t => t.GetString()!).ToList();
    }
}
