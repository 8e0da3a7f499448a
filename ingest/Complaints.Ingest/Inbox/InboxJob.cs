using Complaints.Ingest.Feeds;
using Quartz;

namespace Complaints.Ingest.Inbox;

/// <summary>The scheduled poll of one feed's inbox; Quartz runs one per feed on its cron schedule, never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class InboxJob(InboxProcessor processor) : IJob
{
    public const string FeedKey = "feed";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(FeedKey);
        var feed = FeedLayouts.Find(name ?? "") ?? throw new JobExecutionException($"InboxJob: no feed named '{name}'.");
        await processor.ProcessAsync(feed, cancellationToken);
    }
}
