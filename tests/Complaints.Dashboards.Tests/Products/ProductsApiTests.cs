using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse.Products;

namespace Complaints.Dashboards.Tests.Products;

/// <summary>The Products API against the fixture's hand-worked rates and Pareto.</summary>
[Collection(HostCollection.Name)]
public sealed class ProductsApiTests(DashboardsHost host)
{
    [Fact]
    public async Task Rates_per_1000_units_count_only_months_with_a_sales_figure()
    {
        var figures = await host.Http.GetFromJsonAsync<ProductFigures>("/api/products");

        Assert.NotNull(figures);
        Assert.Equal(Rounded(OverviewFixture.PerThousandUnits), Rounded(figures.Products.ToDictionary(p => p.Sku, p => p.PerThousandUnits)));
        Assert.Equal(Rounded(OverviewFixture.PerThousandUnitsPerMonth), Rounded(figures.Months.ToDictionary(m => m.Month, m => m.PerThousandUnits)));
        Assert.Equal(OverviewFixture.ComplaintsPerProduct, figures.Products.ToDictionary(p => p.Sku, p => p.Complaints));
    }

    [Fact]
    public async Task A_month_cut_by_the_dates_counts_its_units_pro_rata()
    {
        var figures = await host.Http.GetFromJsonAsync<ProductFigures>("/api/products?from=2024-02-10&to=2024-02-20");

        var only = Assert.Single(figures!.Products);
        Assert.Equal("EL-0001", only.Sku);
        Assert.Equal(Math.Round(OverviewFixture.PerThousandUnitsOfEl0001From10To20February, 6), Math.Round(only.PerThousandUnits!.Value, 6));
    }

    [Fact]
    public async Task The_defect_Pareto_runs_from_the_most_frequent_category_to_100_percent()
    {
        var figures = await host.Http.GetFromJsonAsync<ProductFigures>("/api/products");

        Assert.Equal(OverviewFixture.DefectPareto, figures!.Defects.Select(d => (d.Category, d.Complaints, Math.Round(d.CumulativeShare, 6))).ToList());
    }

    [Fact]
    public async Task A_bad_filter_is_answered_with_what_to_fix()
    {
        var response = await host.Http.GetAsync("/api/products?from=yesterday");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'from' must be a date written as yyyy-MM-dd", await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<TKey, double?> Rounded<TKey>(IReadOnlyDictionary<TKey, double?> rates) where TKey : notnull =>
        rates.ToDictionary(r => r.Key, r => r.Value is { } v ? Math.Round(v, 6) : (double?)null);

    private static Dictionary<TKey, double?> Rounded<TKey>(Dictionary<TKey, double?> rates) where TKey : notnull =>
        Rounded((IReadOnlyDictionary<TKey, double?>)rates);
}
