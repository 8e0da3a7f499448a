using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Complaints.Ingest.Loading;
using Complaints.Warehouse.Accounts;
using Complaints.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var loader = _warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
        {
            var result = await loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
            if (result.Status != LoadStatus.Loaded)
                throw new InvalidOperationException($"Fixture did not load: {result.Error}");
        }

        (_factory, BaseAddress) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
        });
        Http = TestApp.Client(BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}

/// <summary>Starts the real host in the "Testing" environment on a free loopback port with the given settings.</summary>
public static class TestApp
{
    public static (WebApplicationFactory<Program> Factory, Uri BaseAddress) Start(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Reporting:TimeZone", "Europe/Warsaw");
            web.UseSetting("Reporting:Currency", "PLN");
            // Inbox folders go to a temporary place unless a test names one: never into the source tree.
            web.UseSetting("Ingest:Root", Path.Combine(IngestRoots, Guid.NewGuid().ToString("N")));
            // Pages are not warmed unless a test asks: the warming's own requests would run beside every test's.
            web.UseSetting(Complaints.Dashboards.Hosting.PageWarmer.Setting, "false");
            // Nor are models refreshed by the clock: a test that wants signals and scores asks ModelRefresh itself.
            web.UseSetting("Models:RefreshSchedule", "0 0 0 1 1 ? 2099");
            web.UseSetting("Models:TrainingSchedule", "0 0 0 1 1 ? 2099");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            // Open Blazor circuits would otherwise hold the shutdown for the default 30 s.
            web.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
            if (configureServices is not null)
                web.ConfigureServices(configureServices);
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0)); // a free port, loopback only
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        Hosts[baseAddress.GetLeftPart(UriPartial.Authority)] = factory.Services;
        Tokens[baseAddress.GetLeftPart(UriPartial.Authority)] = CreateToken(factory.Services, Tester, Roles.All);
        return (factory, baseAddress);
    }

    /// <summary>One folder per test process for every host's inbox folders, removed when the process ends (a host's own
    /// disposal has no hook for it, and a run starts a few hundred hosts).</summary>
    private static readonly string IngestRoots = CreateIngestRoots();

    private static string CreateIngestRoots()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"complaints-test-ingest-{Guid.NewGuid():N}")).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { } // a file still open at exit stays; the folder is in the temp folder
            catch (UnauthorizedAccessException) { }
        };
        return root;
    }

    /// <summary>The account the tests act as unless a test says otherwise: it holds every role, but not the personal-data permission.</summary>
    public const string Tester = "tester";

    private static readonly ConcurrentDictionary<string, string> Tokens = new();
    private static readonly ConcurrentDictionary<string, IServiceProvider> Hosts = new();

    /// <summary>A token of an account holding only <paramref name="role"/> (named after it), on the host at <paramref name="address"/>.</summary>
    public static string TokenAs(Uri address, string role, bool personalData = false) =>
        CreateToken(Hosts[address.GetLeftPart(UriPartial.Authority)], personalData ? $"{role}-personal" : role, [role], personalData);

    /// <summary>The tester's token on the host at <paramref name="address"/>, made through the real token store.</summary>
    public static string TokenFor(Uri address) => Tokens[address.GetLeftPart(UriPartial.Authority)];

    /// <summary>A client acting as the tester (or as the holder of <paramref name="token"/>); none: anonymous.</summary>
    public static HttpClient Client(Uri baseAddress, string? token = "", HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = baseAddress;
        token = token == "" ? TokenFor(baseAddress) : token;
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An account (made if missing) with <paramref name="roles"/>, and a new token of it: the way a test acts as a role.</summary>
    public static string CreateToken(IServiceProvider services, string userName, IReadOnlyList<string> roles, bool personalData = false)
    {
        var accounts = services.GetRequiredService<AccountStore>();
        if (accounts.Find(userName) is null)
            accounts.CreateUserAsync(userName, userName, null, roles, personalData, "test set-up").GetAwaiter().GetResult();
        return accounts.CreateTokenAsync(userName, null, "tests", roles, "test set-up").GetAwaiter().GetResult().Secret;
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<DashboardsHost>, ICollectionFixture<Browser>, ICollectionFixture<Sla.SlaHost>
{
    public const string Name = "dashboards host";
}
