using System.Diagnostics;
using System.Threading.Channels;
using Complaints.Warehouse;
using Complaints.Warehouse.Writes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Complaints.Dashboards.Hosting;

/// <summary>
/// After the host starts, and after every write the warehouse announces, asks once for each chart page over loopback as a first visitor
/// would: the figures of each page's default view land in the figure cache, and DuckDB's buffers and the pages' code
/// are warm, so the morning's first visit draws its first chart without waiting for them. Off with
/// <c>Dashboards:WarmPages=false</c>.
/// </summary>
public sealed class PageWarmer(IServer server, IHostApplicationLifetime lifetime, WarehouseDatabase warehouse, IConfiguration configuration, Access.HostCredential credential,
    ILogger<PageWarmer> logger) : BackgroundService
{
    public const string Setting = "Dashboards:WarmPages";
    public static readonly IReadOnlyList<string> Pages = ["/", "/products", "/costs", "/feedback", "/sla"];

    // Writes often come in a row (a demo load, an inbox of files): pages are warmed once they pause this long.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(Setting, true))
            return;
        // One waiting change is enough: a write during a warm-up asks for one more.
        var changes = Channel.CreateBounded<WarehouseChange>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(WarehouseChange change) => changes.Writer.TryWrite(change);
        warehouse.Changed += OnChanged;
        try
        {
            if (!await StartedAsync(stoppingToken))
                return;
            if (LoopbackAddress() is not { } address)
            {
                logger.LogInformation("Pages are not warmed: the host listens on no plain-HTTP address to ask them from");
                return;
            }
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential.Secret);
            do
            {
                changes.Reader.TryRead(out _); // what changed before this warm-up is in it
                await WarmAsync(http, stoppingToken);
                await changes.Reader.WaitToReadAsync(stoppingToken);
                await Task.Delay(Settle, stoppingToken);
            } while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            warehouse.Changed -= OnChanged;
        }
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
