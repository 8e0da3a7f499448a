using System.Diagnostics;
using Complaints.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Complaints.Dashboards.Features.Warming;

/// <summary>
/// After the host starts, and after every load, asks once for each chart page over loopback as a first visitor
/// would: the figures of each page's default view land in the figure cache, and DuckDB's buffers and the pages' code
/// are warm, so the morning's first visit draws its first chart without waiting for them. Off with
/// <c>Dashboards:WarmPages=false</c>.
/// </summary>
public sealed class PageWarmer(IServer server, IHostApplicationLifetime lifetime, WarehouseDatabase warehouse, IConfiguration configuration,
    ILogger<PageWarmer> logger) : BackgroundService
{
    public const string Setting = "Dashboards:WarmPages";
    public static readonly IReadOnlyList<string> Pages = ["/", "/products", "/costs", "/feedback", "/sla"];

    // How often a finished load is looked for: a load takes seconds to minutes, the first visit after it may come at once.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(Setting, true) || !await StartedAsync(stoppingToken))
            return;
        if (LoopbackAddress() is not { } address)
        {
            logger.LogInformation("Pages are not warmed: the host listens on no plain-HTTP address to ask them from");
            return;
        }
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var warmedAfter = -1L;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var writes = warehouse.WriteCount;
            if (writes != warmedAfter)
            {
                await WarmAsync(http, stoppingToken);
                warmedAfter = writes;
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WarmAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var page in Pages)
        {
            try
            {
                // The whole streamed response: it ends when the page's last figure is in.
                using var response = await http.GetAsync(page, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Warming {Page} failed; its first visit computes its figures", page);
            }
        }
        logger.LogInformation("Warmed the chart pages {Pages} in {Milliseconds:N0} ms", string.Join(", ", Pages), watch.ElapsedMilliseconds);
    }

    private async Task<bool> StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStopping = cancellationToken.Register(() => started.TrySetResult(false));
        return await started.Task;
    }

    /// <summary>The host's plain-HTTP address, with a wildcard host (all interfaces) replaced by loopback.</summary>
    private Uri? LoopbackAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (address is null)
            return null;
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        uri.Host = uri.Host switch { "0.0.0.0" => "127.0.0.1", "[::]" or "::" => "[::1]", _ => uri.Host };
        return uri.Uri;
    }
}
