using Complaints.Testing;

namespace Complaints.Warehouse.Tests;

public sealed class FigureCacheTests
{
    [Fact]
    public async Task A_figure_is_computed_once_until_the_next_write()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var cache = new FigureCache(warehouse.Database);
        var computed = 0;
        string Figure() => $"figure {++computed}";

        var first = cache.GetOrAdd("overview/kpis", Figure);
        var again = cache.GetOrAdd("overview/kpis", Figure);
        var other = cache.GetOrAdd("overview/trend", Figure);
        await warehouse.Database.WriteAsync(_ => Task.FromResult(0));
        var afterWrite = cache.GetOrAdd("overview/kpis", Figure);

        Assert.Equal(("figure 1", "figure 1", "figure 2", "figure 3"), (first, again, other, afterWrite));
    }

    [Fact]
    public async Task A_figure_computed_while_a_write_ended_is_not_kept()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var cache = new FigureCache(warehouse.Database);

        var during = cache.GetOrAdd("kpis", () => { warehouse.Database.WriteAsync(_ => Task.FromResult(0)).GetAwaiter().GetResult(); return "stale"; });
        var next = cache.GetOrAdd("kpis", () => "fresh");

        Assert.Equal(("stale", "fresh"), (during, next));
    }
}
