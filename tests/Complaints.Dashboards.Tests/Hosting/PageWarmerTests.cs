using Complaints.Dashboards.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Hosting;

/// <summary>The chart pages' default figures are computed after start and after a load, before anyone visits.</summary>
public sealed class PageWarmerTests
{
    [Fact]
    public async Task After_start_and_after_a_load_the_default_figures_are_in_the_cache_before_any_visit()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var loader = warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
            await loader.LoadAsync(warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
        var (factory, _) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = warehouse.Database.Path, ["Demo:Enabled"] = "false", [PageWarmer.Setting] = "true",
        });
        await using var _ = factory;
        var cache = factory.Services.GetRequiredService<FigureCache>();
        static bool Warmed(IReadOnlyCollection<string> keys) =>
            keys.Any(k => k.StartsWith("OverviewPage/per-product/", StringComparison.Ordinal)) && keys.Any(k => k.StartsWith("CostsPage/per-product/", StringComparison.Ordinal));

        var afterStart = await WaitForAsync(() => Warmed(cache.Keys));
        // A load, here the products file again (recorded as unchanged: still a write), makes every cached figure stale.
        var products = OverviewFixture.Files().Single(f => f.Feed == FeedLayouts.Products).Csv;
        await factory.Services.GetRequiredService<CanonicalFileLoader>().LoadAsync(warehouse.WriteFile("products-again.csv", products), FeedLayouts.Products);
        var staleRightAfterTheLoad = cache.Keys.Count == 0;
        var afterLoad = await WaitForAsync(() => Warmed(cache.Keys));

        Assert.True(afterStart);
        Assert.True(staleRightAfterTheLoad);
        Assert.True(afterLoad);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(100))
        {
            if (condition())
                return true;
            await Task.Delay(100);
        }
        return false;
    }
}
