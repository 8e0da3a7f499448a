using System.Text.Json;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Demo;

/// <summary>
/// On start-up, when demo data is enabled and the warehouse holds no complaints, generates the demo files and
/// loads them through the real load path; their runs are marked as demo so the rows can be told apart and removed.
/// Runs in the background so the host serves pages (showing progress) while it works.
/// </summary>
public sealed class DemoDataSeeder(
    IOptions<DemoOptions> options, IOptions<ReportingOptions> reporting, WarehouseDatabase warehouse,
    CanonicalFileLoader loader, DemoDataStatus status, TimeProvider time, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
            return;
        using (var connection = warehouse.OpenConnection())
            if (connection.Scalar<long>("SELECT count(*) FROM complaints") > 0)
                return;

        var folder = Directory.CreateTempSubdirectory("complaints-demo-");
        try
        {
            await SeedAsync(demo, folder.FullName, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo data load stopped with the host; it starts again on the next start while the warehouse is empty");
        }
        catch (Exception e)
        {
            status.Set(DemoDataState.Failed, 0, demo.Complaints, e.Message);
            logger.LogError(e, "Demo data could not be loaded");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task SeedAsync(DemoOptions demo, string folder, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone);
        // The data is as of the end of its last day: ending yesterday keeps every receipt, answer and booking in the past.
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime).AddDays(-1);
        logger.LogInformation("Generating {Complaints:N0} demo complaints (seed {Seed}) up to {LastDay}", demo.Complaints, demo.Seed, lastDay);
        status.Set(DemoDataState.Generating, 0, demo.Complaints);
        var progress = new ImmediateProgress(written => status.Set(DemoDataState.Generating, written, demo.Complaints));
        var files = await Task.Run(() => new DemoDataGenerator().Write(folder, new DemoDataOptions(demo.Complaints, demo.Seed, lastDay), progress), cancellationToken);

        var loads = files.FeedsWithLayouts.ToList();
        var results = new List<LoadResult>();
        // One first load: the SLA measures and the rollups are built once, after the last feed.
        await warehouse.FirstLoadAsync(async () =>
        {
            foreach (var (path, feed) in loads)
            {
                status.Set(DemoDataState.Loading, results.Count, loads.Count, $"loading {feed.Name}");
                var result = await loader.LoadAsync(path, feed, isDemo: true, cancellationToken);
                if (result.Status == LoadStatus.Rejected)
                    throw new InvalidOperationException($"The demo {feed.Name} file was rejected: {result.Error}");
                results.Add(result);
            }
            status.Set(DemoDataState.Loading, loads.Count - 1, loads.Count, "measuring SLA and building the pages' rollups");
        }, cancellationToken);

        var summary = JsonSerializer.Serialize(new { demo.Complaints, demo.Seed, LastDay = lastDay, Runs = results.Select(r => new { r.Feed, r.RunId, r.RowsInserted }) });
        await warehouse.WriteAsync(connection => Task.FromResult(AuditLog.Append(connection, time, "system", "demo.loaded", "demo data", null, summary)), cancellationToken);
        status.Set(DemoDataState.Loaded, demo.Complaints, demo.Complaints);
        logger.LogInformation("Demo data loaded: {Summary}", summary);
    }

    /// <summary>Reports on the generating thread. Progress&lt;T&gt; posts to the thread pool, so a late report could overwrite a later state.</summary>
    private sealed class ImmediateProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
