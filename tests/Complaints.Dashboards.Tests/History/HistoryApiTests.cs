using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Ingest;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse.History;

namespace Complaints.Dashboards.Tests.History;

public sealed class HistoryApiTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task Complaints_per_product_as_of_an_instant_take_the_shared_filters_and_refuse_a_time_without_offset()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/complaints?fileName=history.csv")
        {
            Content = new StringContent(CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
            {
                ["source"] = "history-test", ["external_id"] = "H1", ["updated_at"] = "2024-02-01T09:00:00+01:00",
                ["received_at"] = "2024-02-01T09:00:00+01:00", ["status"] = "new", ["product_sku"] = "HIST-1",
            })),
        };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);
        (await host.Http.SendAsync(request)).EnsureSuccessStatusCode();

        var before = await host.Http.GetFromJsonAsync<ComplaintsPerProductAsOf>("/api/history/complaints-per-product?asOf=2000-01-01T00:00:00Z&product=HIST-1");
        var now = await host.Http.GetFromJsonAsync<ComplaintsPerProductAsOf>($"/api/history/complaints-per-product?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}&product=HIST-1");
        var noOffset = await host.Http.GetAsync("/api/history/complaints-per-product?asOf=2025-05-01T00:00:00");
        var badFilter = await host.Http.GetAsync("/api/history/complaints-per-product?asOf=2025-05-01T00:00:00Z&from=yesterday");

        Assert.Equal(0, before!.Total);
        Assert.Equal(("HIST-1", 1L), (Assert.Single(now!.Products).Sku, now.Total));
        Assert.Equal(HttpStatusCode.BadRequest, noOffset.StatusCode);
        Assert.Contains("with an offset or Z", await noOffset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }
}
