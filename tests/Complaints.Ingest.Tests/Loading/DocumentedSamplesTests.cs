using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Ingest.Tests.Loading;

public sealed class DocumentedSamplesTests
{
    [Fact]
    public async Task The_sample_files_in_the_docs_load_and_refer_to_each_other()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var loader = warehouse.Loader();
        var samples = Path.Combine(Repository.Root, "docs", "samples");

        foreach (var feed in FeedLayouts.All)
        {
            var result = await loader.LoadAsync(Path.Combine(samples, feed.Name + ".csv"), feed);
            Assert.True(result.Status == LoadStatus.Loaded, $"{feed.Name}: {result.Error}");
            Assert.True(result.RowsInserted > 0, $"{feed.Name} sample is empty");
        }

        using var connection = warehouse.Database.OpenConnection();
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaints c LEFT JOIN products p ON p.sku = c.product_sku WHERE p.sku IS NULL"));
        foreach (var table in new[] { "status_events", "costs", "surveys" })
            Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM {table} WHERE complaint_key IS NULL"));
    }
}
