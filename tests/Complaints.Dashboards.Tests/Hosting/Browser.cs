using Microsoft.Playwright;

namespace Complaints.Dashboards.Tests.Hosting;

/// <summary>Debian's Chromium, headless, driven by Playwright; one for the whole run. Never downloads a browser.</summary>
public sealed class Browser : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the README's test command, which installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page that records console errors and failed requests, so a test can assert there were none.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(Uri url, string? token = null)
    {
        var page = await Instance.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        // An aborted request (navigation superseding a fetch) is nothing a user sees; any other failure is.
        page.RequestFailed += (_, request) => { if (request.Failure != "net::ERR_ABORTED") errors.Add($"request failed: {request.Url} ({request.Failure})"); };
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token ?? TestApp.TokenFor(url)}" }); // acts as the tester unless told
        await page.GotoAsync(url.ToString());
        return (page, errors);
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Complaints.Testing.Repository.Root, "tests", "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}.png");
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
