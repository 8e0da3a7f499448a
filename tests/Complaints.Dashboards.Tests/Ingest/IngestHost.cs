using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.Dashboards.Tests.Ingest;

/// <summary>A host of its own for ingest tests (they change data), with upload keys and a one-second inbox schedule.</summary>
public sealed class IngestHost : IAsyncLifetime
{
    public const string ComplaintsKey = "test-key-for-complaints-0123456789";
    public const int MaxUploadMegabytes = 1;
    private WebApplicationFactory<Program> _factory = null!;

    public TempWarehouse Warehouse { get; private set; } = null!;
    public string IngestRoot => Path.Combine(Warehouse.Directory, "ingest");
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Warehouse = await TempWarehouse.CreateAsync();
        (_factory, var baseAddress) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = Warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Ingest:Root"] = IngestRoot,
            ["Ingest:ApiKeys:complaints"] = ComplaintsKey,
            ["Ingest:ApiKeys:surveys"] = ComplaintsKey,
            ["Ingest:MaxUploadMegabytes"] = MaxUploadMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Schedules:products"] = "* * * * * ?", // every second: the real Quartz scheduler picks files up
        });
        Http = TestApp.Client(baseAddress);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        Warehouse.Dispose();
    }
}
