using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Models.Evaluation;
using Complaints.Testing;

namespace Complaints.Models.Tests;

/// <summary>A temporary warehouse filled with generated demo data through the real load path, with the ground truth beside it.</summary>
public sealed class DemoWarehouse : IDisposable
{
    public required TempWarehouse Warehouse { get; init; }
    public required DemoDataFiles Files { get; init; }
    public required GroundTruth Truth { get; init; }

    public static async Task<DemoWarehouse> CreateAsync(int complaints, DateOnly lastDay, int years, TimeProvider time, int seed = 2026)
    {
        var warehouse = await TempWarehouse.CreateAsync(time);
        var files = new DemoDataGenerator().Write(Path.Combine(warehouse.Directory, "demo"), new DemoDataOptions(complaints, seed, lastDay, years));
        await LoadAsync(warehouse, files.FeedsWithLayouts);
        return new DemoWarehouse { Warehouse = warehouse, Files = files, Truth = GroundTruth.Read(files.GroundTruth) };
    }

    public static async Task LoadAsync(TempWarehouse warehouse, IEnumerable<(string Path, FeedLayout Feed)> files)
    {
        var loader = warehouse.Loader();
        foreach (var (path, feed) in files)
        {
            var result = await loader.LoadAsync(path, feed, isDemo: true);
            if (result.Status != LoadStatus.Loaded)
                throw new InvalidOperationException($"The demo {feed.Name} file did not load: {result.Error}");
        }
    }

    public void Dispose() => Warehouse.Dispose();
}
