using Complaints.Ingest.Feeds;

namespace Complaints.Demo;

/// <summary>What to generate: how many complaints, from which seed, and the period they were received in.</summary>
/// <param name="Complaints">Number of complaint rows; events, costs and surveys follow from them.</param>
/// <param name="Seed">The same seed and options always give byte-identical files.</param>
/// <param name="LastDay">The last day (Europe/Warsaw) complaints are received on; the data is "as of" the end of this day.</param>
/// <param name="Years">How many years of received dates, ending at <paramref name="LastDay"/>.</param>
public sealed record DemoDataOptions(int Complaints, int Seed, DateOnly LastDay, int Years = 2);

/// <summary>Full paths of the seven canonical feed files the generator wrote, and of the ground truth beside them.</summary>
/// <param name="GroundTruth">ground_truth.json: what was planted in the data (docs/demo-ground-truth.md explains it).</param>
public sealed record DemoDataFiles(
    string Products, string UnitsSold, string ExchangeRates, string Complaints, string StatusEvents, string Costs, string Surveys, string GroundTruth)
{
    /// <summary>The feed files, in the order they load (reference data first, so complaints find their products).</summary>
    public IReadOnlyList<string> Feeds => [Products, UnitsSold, ExchangeRates, Complaints, StatusEvents, Costs, Surveys];

    /// <summary>Each feed file with its layout, in load order.</summary>
    public IEnumerable<(string Path, FeedLayout Feed)> FeedsWithLayouts => Feeds.Zip(FeedLayouts.All);

    /// <summary>The files' names in <paramref name="directory"/>, each ending in <paramref name="suffix"/>.</summary>
    public static DemoDataFiles In(string directory, string suffix = "")
    {
        string Name(FeedLayout feed) => Path.Combine(directory, feed.Name + ".csv" + suffix);
        return new(Name(FeedLayouts.Products), Name(FeedLayouts.UnitsSold), Name(FeedLayouts.ExchangeRates), Name(FeedLayouts.Complaints),
            Name(FeedLayouts.StatusEvents), Name(FeedLayouts.Costs), Name(FeedLayouts.Surveys),
            Path.Combine(directory, DemoDataGenerator.GroundTruthFileName + suffix));
    }
}
