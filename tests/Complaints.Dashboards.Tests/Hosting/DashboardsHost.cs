using Complaints.Ingest.Loading;
using Complaints.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Dashboards.Tests.Hosting;

/// <summary>
/// The real host on a free loopback port (Kestrel), over a temporary warehouse holding the hand-checked fixture.
/// One per test run: starting a host per test would eat the machine's two cores.
/// </summary>
public sealed class DashboardsHost : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        var loader = new CanonicalFileLoader(_warehouse.Database, TimeProvider.System, NullLogger<CanonicalFileLoader>.Instance);
        foreach (var (feed, csv) in OverviewFixture.Files())
        {
            var result = await loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
            if (result.Status != LoadStatus.Loaded)
                throw new InvalidOperationException($"Fixture did not load: {result.Error}");
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Warehouse:Path", _warehouse.Database.Path);
            web.UseSetting("Demo:Enabled", "false");
            web.UseSetting("Reporting:TimeZone", "Europe/Warsaw");
            web.UseSetting("Reporting:Currency", "PLN");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<DashboardsHost>, ICollectionFixture<Browser>
{
    public const string Name = "dashboards host";
}
