using Complaints.Dashboards.Tests.Hosting;
using Complaints.Testing;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// A host of its own for the access tests: they call every route, administrator actions included, and lock accounts,
/// so they get an empty warehouse nobody else reads. Its clock is fake, so a lockout can be waited out.
/// </summary>
public sealed class AccessHost : IAsyncLifetime
{
    public const string AdminPassword = "first-admin-password-for-tests";
    public const string FeedKey = "configured-feed-key-0123456789";
    private WebApplicationFactory<Program> _factory = null!;

    public TempWarehouse Warehouse { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;
    public AccountStore Accounts => Services.GetRequiredService<AccountStore>();

    public async Task InitializeAsync()
    {
        Warehouse = await TempWarehouse.CreateAsync(Time);
        (_factory, BaseAddress) = TestApp.Start(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = Warehouse.Database.Path,
            ["Demo:Enabled"] = "false",
            ["Authentication:AdminPassword"] = AdminPassword,
            ["Authentication:MaxFailedSignIns"] = "3",
            ["Authentication:LockoutMinutes"] = "10",
            ["Ingest:ApiKeys:surveys"] = FeedKey,
        }, services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A client with cookies and no automatic redirects, as a browser session seen from the inside.</summary>
    public HttpClient Browser() => TestApp.Client(BaseAddress, token: null,
        handler: new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() });

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Warehouse.Dispose();
    }
}
